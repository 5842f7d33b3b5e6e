import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { EnforcementIR } from '../../rules/types.js';
import { buildChains } from './nftChains.js';
import type { ChainView } from './nftRuleLine.js';
import { acceptName, createNftContext, hasErrors } from './nftContext.js';
import type { NftRenderContext } from './nftContext.js';
import { buildHeader } from './nftHeader.js';
import { NftNameTable, tableName } from './nftNames.js';
import { AddressSets } from './nftSets.js';
import type { SetView } from './nftSets.js';

/** Everything the template prints, ready to print: names validated, text sanitised. */
export interface NftView {
  header: string[];
  table: string;
  sets: SetView[];
  chains: ChainView[];
}

export function buildNftView(ep: EnforcementIR, ctx: NftRenderContext): { view?: NftView; diagnostics: Diagnostic[] } {
  const nc = createNftContext(ep, ctx);
  const table = tableName(ep.id);
  acceptName(nc, new NftNameTable('table'), table, 'table', `enforcement point ${ep.id}`, ep.pointer);
  const sets = new AddressSets(nc);
  const chains = buildChains(nc, sets);
  if (hasErrors(nc)) return { diagnostics: nc.diagnostics };
  return {
    view: { header: buildHeader(ep, ctx, table), table, sets: [...sets.views, ...chains.sets], chains: chains.chains },
    diagnostics: nc.diagnostics,
  };
}
