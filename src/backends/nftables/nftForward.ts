import type { Rule } from '../../rules/types.js';
import { internalError } from './nftContext.js';
import type { NftContext } from './nftContext.js';
import { verdictOf } from './nftBoundaryChain.js';
import { ifaceMatch } from './nftDirections.js';
import type { Direction } from './nftDirections.js';
import { matchText } from './nftMatch.js';
import type { Variant } from './nftMatch.js';
import { ruleText, variantId } from './nftRuleLine.js';
import type { ChainView, RuleView } from './nftRuleLine.js';
import { nftComment } from './nftText.js';

/** The `forward` base chain (layout in nftChains.ts): read-only jumps, conntrack, boundary jumps, catch-all. */
export function forwardChain(
  nc: NftContext, directions: Direction[], roChains: (string | undefined)[], boundaryChains: (string | undefined)[], variantsOf: (r: Rule) => Variant[],
): ChainView {
  const enforce = nc.ep.phase === 'enforce';
  const rules: RuleView[] = [];
  directions.forEach((d, i) => {
    const name = roChains[i];
    if (name) rules.push({ notes: [], text: ruleText(nc, { match: ifaceMatch(d), verdict: `jump ${name}`, comment: nftComment(`read-only checks ${d.from} -> ${d.to}: before conntrack, writes arrive on established connections`, nc.commentMax) }) });
  });
  rules.push(
    { notes: [], text: ruleText(nc, { extra: ['ct state established,related'], verdict: 'accept', comment: 'return traffic and later packets of allowed connections (conntrack)' }) },
    { notes: [], text: ruleText(nc, { extra: ['ct state invalid'], log: { id: 'invalid', word: enforce ? 'drop' : 'log' }, ...(enforce ? { verdict: 'drop' } : {}), comment: enforce ? 'packets conntrack cannot place' : 'packets conntrack cannot place (monitor: log only)' }) },
  );
  directions.forEach((d, i) => {
    const name = boundaryChains[i];
    if (name) rules.push({ notes: [], text: ruleText(nc, { match: ifaceMatch(d), verdict: `jump ${name}`, comment: nftComment(`zone ${d.from} -> zone ${d.to}`, nc.commentMax) }) });
  });
  const finals = nc.ep.rules.filter((r) => r.kind === 'final');
  for (const f of finals) {
    const variants = variantsOf(f);
    const { verdict, word } = verdictOf(f);
    variants.forEach((v, i) => rules.push({
      notes: [],
      text: ruleText(nc, { match: matchText(v), ...(f.log ? { log: { id: variantId(f.number, i, variants.length), word } } : {}), verdict, comment: nftComment(`R${f.number} ${f.comment}`, nc.commentMax) }),
    }));
  }
  if (finals.length === 0) internalError(nc, 'the IR has no catch-all rule');
  return {
    name: 'forward',
    notes: [],
    hook: `type filter hook forward priority filter; policy ${enforce ? 'drop' : 'accept'};`,
    rules,
  };
}
