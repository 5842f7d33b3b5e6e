import type { RateLimit } from '../../model/types.js';
import type { Rule } from '../../rules/types.js';
import { acceptName, rulePhase, rulePointer } from './nftContext.js';
import type { NftContext } from './nftContext.js';
import type { Variant } from './nftMatch.js';
import { matchText } from './nftMatch.js';
import { meterName } from './nftNames.js';
import { ruleText } from './nftRuleLine.js';
import type { RuleView } from './nftRuleLine.js';
import type { SetView } from './nftSets.js';
import { nftComment, nftNote } from './nftText.js';

/**
 * Rate limits (C7 rate-limiting, SR 7.1 RE 1/RE 2) as rules placed just before the
 * flow's accept, so they only see connections that rule would accept (first match).
 * Forms tested in the lab (vendors.md 2.6, ratelimit.nft):
 * - perSourceConnections N: `add @m { ip saddr ct count over N }` (concurrent, per source);
 * - maxConnections N: `add @m { ip daddr ct count over N }` (concurrent, per responder,
 *   like FortiOS tcp_dst_session);
 * - newConnectionsPerSecond N: `update @m { ip saddr limit rate over N/second burst N packets }`.
 * enforce: counter + log + drop; monitor: counter + log, the connection goes on.
 * maxEmbryonic has no nftables form (conncount counts every tracked connection, not
 * half-open ones): it is reported (OTPC704) and named in a `#` note, never approximated.
 */
export interface RateLimitOutput {
  rules: RuleView[];
  notes: string[];
}

interface Meter {
  kind: 'src' | 'dst' | 'rate';
  limit: number;
  what: string;
}

function meters(r: RateLimit): Meter[] {
  const out: Meter[] = [];
  if (r.perSourceConnections !== undefined) out.push({ kind: 'src', limit: r.perSourceConnections, what: 'concurrent connections per source' });
  if (r.maxConnections !== undefined) out.push({ kind: 'dst', limit: r.maxConnections, what: 'concurrent connections per destination' });
  if (r.newConnectionsPerSecond !== undefined) out.push({ kind: 'rate', limit: r.newConnectionsPerSecond, what: 'new connections per second per source' });
  return out;
}

export class RateLimits {
  readonly sets: SetView[] = [];
  private readonly declared = new Set<string>();
  private readonly warned = new Set<string>();

  constructor(private readonly nc: NftContext) {}

  /** The rate-limit rules of one variant of a flow rule (empty when the rule has none). */
  forVariant(rule: Rule, v: Variant, id: string): RateLimitOutput {
    const out: RateLimitOutput = { rules: [], notes: [] };
    const rl = rule.rateLimit;
    if (!rl || v.family === undefined) return out;
    if (rl.maxEmbryonic !== undefined) out.notes.push(...this.embryonic(rule, rl.maxEmbryonic));
    const enforce = rulePhase(this.nc.ep, rule) === 'enforce';
    for (const m of meters(rl)) {
      const name = meterName(rule.number, m.kind, v.family);
      if (!this.declare(rule, name, m, v.family)) continue;
      const l3 = v.family === 6 ? 'ip6' : 'ip';
      const stmt = m.kind === 'rate'
        ? `update @${name} { ${l3} saddr limit rate over ${m.limit}/second burst ${m.limit} packets }`
        : `add @${name} { ${l3} ${m.kind === 'src' ? 'saddr' : 'daddr'} ct count over ${m.limit} }`;
      out.rules.push({
        notes: [],
        text: ruleText(this.nc, {
          match: matchText(v),
          extra: ['ct state new'],
          stmt,
          log: { id, word: `${enforce ? 'drop' : 'log'}-rl-${m.kind}` },
          ...(enforce ? { verdict: 'drop' } : {}),
          comment: nftComment(`R${rule.number} rate limit: at most ${m.limit} ${m.what}${enforce ? '' : ' (monitor: log only)'} (${rule.id})`, this.nc.commentMax),
        }),
      });
    }
    return out;
  }

  private declare(rule: Rule, name: string, m: Meter, family: 4 | 6): boolean {
    if (this.declared.has(name)) return true;
    if (!acceptName(this.nc, this.nc.sets, name, 'set', `rate-limit meter of rule ${rule.id}`, rulePointer(this.nc, rule))) return false;
    this.declared.add(name);
    this.sets.push({
      name,
      lines: [
        `type ${family === 4 ? 'ipv4_addr' : 'ipv6_addr'}`,
        'size 65535',
        m.kind === 'rate' ? 'flags dynamic,timeout' : 'flags dynamic',
        ...(m.kind === 'rate' ? ['timeout 60s'] : []),
        `comment "${nftComment(`otpc rule ${rule.number} meter: ${m.what}`, this.nc.commentMax)}"`,
      ],
    });
    return true;
  }

  private embryonic(rule: Rule, limit: number): string[] {
    if (this.warned.has(rule.id)) return [];
    this.warned.add(rule.id);
    this.nc.diagnostics.push({
      code: 'OTPC704', severity: 'warning', file: this.nc.file, pointer: rulePointer(this.nc, rule),
      message: `nftables: max-embryonic ${limit} of rule ${rule.id} is not rendered; nftables cannot count half-open connections per rule`,
      hint: 'Use the host SYN cookies (net.ipv4.tcp_syncookies) on the responders, or enforce max-embryonic on a FortiOS or ASA boundary.',
    });
    return [nftNote(`max-embryonic ${limit} is not expressible in nftables and is not enforced here (OTPC704).`)];
  }
}
