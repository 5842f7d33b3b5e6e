import type { EnforcementIR } from '../../rules/types.js';
import type { Backend, RenderResult } from '../types.js';
import type { NftRenderContext } from './nftContext.js';
import { unsafeOutputLine } from './nftSafety.js';
import { nftTemplate } from './nftTemplate.js';
import { buildNftView } from './nftView.js';
import { nftablesPolicyChecks } from './policyChecks.js';

/**
 * The nftables backend: one `inet` table for a Linux router's forward hook between
 * zone interfaces (vendors.md 2.6, tested against nft 1.0.6 and the kernel in
 * test/kernel). Pipeline: buildNftView (validate names, sanitise text, order rules)
 * -> templates/nftables (loop and print) -> output check. Bad names and limits give
 * located diagnostics and an empty text; render never throws for them.
 */
function render(ep: EnforcementIR, ctx: NftRenderContext): RenderResult {
  const { view, diagnostics } = buildNftView(ep, ctx);
  if (!view) return { text: '', diagnostics };
  const text = nftTemplate()(view);
  const line = unsafeOutputLine(text);
  if (line !== undefined) {
    return {
      text: '',
      diagnostics: [...diagnostics, { code: 'OTPC999', severity: 'error', file: ctx.file, pointer: ep.pointer, message: `nftables backend: rendered line ${line} is not safe nft text` }],
    };
  }
  return { text, diagnostics };
}

export const nftablesBackend: Backend = {
  platform: 'nftables',
  extension: 'nft',
  title: 'Linux nftables (inet table, forward hook)',
  render,
  policyChecks: nftablesPolicyChecks,
};
