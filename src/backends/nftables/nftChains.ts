import { compareStrings } from '../../rules/compareStrings.js';
import type { Rule } from '../../rules/types.js';
import { acceptName, boundaryOf, internalError, rulePhase } from './nftContext.js';
import type { NftContext } from './nftContext.js';
import { matchText, ruleVariants, servicePorts } from './nftMatch.js';
import type { Variant } from './nftMatch.js';
import { boundaryChainName, checkInterfaceName } from './nftNames.js';
import { RateLimits } from './nftRateLimit.js';
import { isDpi, ReadOnlyChecks } from './nftReadOnly.js';
import { ruleText, variantId } from './nftRuleLine.js';
import type { RuleView } from './nftRuleLine.js';
import type { AddressSets, SetView } from './nftSets.js';
import { nftComment, nftNote, quoted } from './nftText.js';

export interface ChainView {
  name: string;
  /** `#` lines above the chain. */
  notes: string[];
  /** The base chain line (`type filter hook forward ...`), only on `forward`. */
  hook?: string;
  rules: RuleView[];
}

export interface ChainsOutput {
  chains: ChainView[];
  sets: SetView[];
}

interface Direction {
  from: string;
  to: string;
  iif: string;
  oif: string;
  rules: Rule[];
}

/**
 * Chain layout (vendors.md 2.6; DESIGN "Rollout phases"):
 *
 *   forward (hook forward, policy drop in enforce / accept otherwise)
 *     iifname A oifname B jump ro_A_B      read-only payload checks: BEFORE conntrack accept
 *     ct state established,related accept  return traffic of allowed connections
 *     ct state invalid drop                (unless every boundary enforces: log only)
 *     iifname A oifname B jump c_A_B       one chain per boundary direction
 *     catch-all (IR rule 'final')
 *   c_A_B: a new TCP connection must start with a SYN (drop; log only while the
 *          boundary monitors), the IR flow rules of A -> B in IR order (rate limits
 *          just before their accept), then the boundary-final rule.
 *
 * The SYN check makes "part of a connection" mean what the spec evaluator says: a
 * segment that claims to be established but has no connection (conntrack picks it up
 * mid-stream as `new`, nf_conntrack_tcp_loose) is not a new connection and must not
 * match a flow rule (FortiOS drops such sessions by default too). It sits in the
 * boundary chain so it follows the boundary's phase: when the plant first gets this
 * ruleset, long-lived sessions opened before conntrack ran are only logged while the
 * boundary monitors, never cut.
 *
 * `jump`, not `goto`: a boundary chain always ends in a verdict, but if it did not,
 * the packet would come back to the catch-all instead of the base chain policy.
 */
export function buildChains(nc: NftContext, sets: AddressSets): ChainsOutput {
  const variantCache = new Map<Rule, Variant[]>();
  const variantsOf = (rule: Rule): Variant[] => {
    let v = variantCache.get(rule);
    if (!v) {
      const ports = servicePorts(nc.ep, rule.services);
      const unknown = [...rule.src, ...rule.dst].filter((r) => !sets.known(r));
      if (ports === undefined || unknown.length > 0) internalError(nc, `rule ${rule.id} refers to an unknown object`);
      v = ports === undefined ? [] : ruleVariants(rule, sets, ports, rule.rateLimit !== undefined);
      variantCache.set(rule, v);
    }
    return v;
  };
  const directions = boundaryDirections(nc);
  const ro = new ReadOnlyChecks(nc, variantsOf);
  const rl = new RateLimits(nc);
  const roChains = directions.map((d) => ro.chainFor(d.from, d.to, d.rules));
  const boundary = directions.map((d) => boundaryChain(nc, d, variantsOf, rl, sets));
  const forward = forwardChain(nc, directions, roChains.map((c) => c?.name), boundary.map((c) => c?.name), variantsOf);
  const chains: ChainView[] = [forward];
  directions.forEach((d, i) => {
    const r = roChains[i];
    if (r) chains.push({ name: r.name, notes: [nftNote(`read-only checks ${d.from} -> ${d.to}, jumped to before the conntrack accept: writes arrive on established connections.`)], rules: r.rules });
  });
  for (const b of boundary) if (b) chains.push(b);
  return { chains, sets: [...ro.sets, ...rl.sets] };
}

/** Boundary directions a -> b, b -> a in boundary order, with their flow and boundary-final rules in IR order. */
function boundaryDirections(nc: NftContext): Direction[] {
  const iface = new Map(nc.ep.zones.map((z) => [z.id, z.interface]));
  for (const z of nc.ep.zones) nc.diagnostics.push(...checkInterfaceName(z.interface, nc.file, `${nc.ep.pointer}/interfaces/${z.id}`));
  const out: Direction[] = [];
  for (const b of [...nc.ep.boundaries].sort((x, y) => compareStrings(x.id, y.id))) {
    for (const [from, to] of [[b.zones[0], b.zones[1]], [b.zones[1], b.zones[0]]]) {
      const iif = iface.get(from);
      const oif = iface.get(to);
      if (iif === undefined || oif === undefined) {
        internalError(nc, `boundary ${b.id} names a zone without an interface`);
        continue;
      }
      out.push({ from, to, iif, oif, rules: nc.ep.rules.filter((r) => r.kind !== 'final' && r.fromZone === from && r.toZone === to) });
    }
  }
  for (const r of nc.ep.rules) {
    if (r.kind !== 'final' && (r.fromZone === undefined || r.toZone === undefined || !boundaryOf(nc.ep, r.fromZone, r.toZone))) {
      internalError(nc, `rule ${r.id} is not on a boundary of enforcement point ${nc.ep.id}`);
    }
  }
  return out;
}

function ifaceMatch(d: Direction): string {
  return `iifname ${quoted(d.iif)} oifname ${quoted(d.oif)}`;
}

function verdictOf(rule: Rule): { verdict: string; word: string } {
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

function boundaryChain(nc: NftContext, d: Direction, variantsOf: (r: Rule) => Variant[], rl: RateLimits, sets: AddressSets): ChainView | undefined {
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

function forwardChain(
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
