import type { Rule } from '../../rules/types.js';
import { acceptName, boundaryOf } from './nftContext.js';
import type { NftContext } from './nftContext.js';
import type { Direction } from './nftDirections.js';
import { matchText } from './nftMatch.js';
import type { Variant } from './nftMatch.js';
import { boundaryChainName } from './nftNames.js';
import type { RateLimits } from './nftRateLimit.js';
import { ruleText, variantId } from './nftRuleLine.js';
import type { ChainView, RuleView } from './nftRuleLine.js';
import type { AddressSets } from './nftSets.js';
import { nftComment, nftNote } from './nftText.js';

export function verdictOf(rule: Rule): { verdict: string; word: string } {
  if (rule.action === 'deny') return { verdict: 'drop', word: 'drop' };
  return { verdict: 'accept', word: rule.kind === 'flow' ? 'accept' : 'monitor-pass' };
}

/** The nft rules of one IR rule: per variant, its rate limits then the verdict. */
function ruleViews(nc: NftContext, rule: Rule, variants: Variant[], rl: RateLimits, sets: AddressSets): RuleView[] {
  const out: RuleView[] = [];
  const { verdict, word } = verdictOf(rule);
  const notes = ruleNotes(nc, rule, variants, sets);
  variants.forEach((v, i) => {
    const id = variantId(rule.number, i, variants.length);
    const limits = rl.forVariant(rule, v, id);
    const first = i === 0 ? [...notes, ...limits.notes] : limits.notes;
    limits.rules.forEach((r, k) => out.push({ notes: k === 0 ? [...first, ...r.notes] : r.notes, text: r.text }));
    out.push({
      notes: limits.rules.length === 0 ? first : [],
      text: ruleText(nc, {
        match: matchText(v),
        extra: rule.kind === 'flow' ? ['ct state new'] : [],
        ...(rule.log ? { log: { id, word } } : {}),
        verdict,
        comment: nftComment(`R${rule.number} ${rule.comment}`, nc.commentMax),
      }),
    });
  });
  if (variants.length === 0) out.push({ notes, text: '' });
  return out;
}

function ruleNotes(nc: NftContext, rule: Rule, variants: Variant[], sets: AddressSets): string[] {
  const notes: string[] = [];
  if (rule.kind === 'flow') notes.push(nftNote(`R${rule.number} ${rule.id}`));
  const ro = rule.readOnly;
  if (ro?.mode === 'port-only') {
    const why = nc.readOnlyProtocols.includes(ro.protocol)
      ? 'its operations are not filtered while the boundary is in the monitor phase'
      : 'nftables cannot filter its operations';
    notes.push(nftNote(`R${rule.number}: read-only ${ro.protocol} was asked for; ${why}, so this rule is port level only.`));
  }
  if (rule.readOnly?.mode === 'dpi') notes.push(nftNote(`R${rule.number}: its ${rule.readOnly.protocol} operations are checked in the read-only chain before conntrack.`));
  if (variants.length === 0) {
    const empty = sets.families(rule.src).size === 0 || sets.families(rule.dst).size === 0;
    const why = empty ? 'one side has no address (a zone without networks)' : 'its sides have no address family in common';
    notes.push(nftNote(`R${rule.number} renders no nft rule: ${why}, so it matches no packet.`));
  }
  return notes;
}

export function boundaryChain(nc: NftContext, d: Direction, variantsOf: (r: Rule) => Variant[], rl: RateLimits, sets: AddressSets): ChainView | undefined {
  const name = boundaryChainName(d.from, d.to);
  if (!acceptName(nc, nc.chains, name, 'chain', `boundary ${d.from} -> ${d.to}`, `${nc.ep.pointer}/interfaces`)) return undefined;
  const b = boundaryOf(nc.ep, d.from, d.to);
  const enforce = (b?.phase ?? 'monitor') === 'enforce';
  const final = d.rules.find((r) => r.kind === 'boundary-final');
  const nosyn: RuleView = {
    notes: [],
    text: ruleText(nc, {
      extra: ['ct state new', 'tcp flags & (fin|syn|rst|ack) != syn'],
      log: { id: String(final?.number ?? 'nosyn'), word: enforce ? 'drop-nosyn' : 'log-nosyn' },
      ...(enforce ? { verdict: 'drop' } : {}),
      comment: enforce ? 'a new TCP connection starts with a SYN' : 'a new TCP connection starts with a SYN (monitor: log only, mid-stream pickup)',
    }),
  };
  const rules = [nosyn, ...d.rules.flatMap((r) => ruleViews(nc, r, variantsOf(r), rl, sets))];
  return {
    name,
    notes: [nftNote(`zone ${d.from} (${d.iif}) -> zone ${d.to} (${d.oif}), phase ${b?.phase ?? nc.ep.phase}`)],
    rules,
  };
}

