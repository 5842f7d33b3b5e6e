import type { ReadOnlyFilter, Rule } from '../../rules/types.js';
import { acceptName, rulePhase, rulePointer } from './nftContext.js';
import type { NftContext } from './nftContext.js';
import type { Variant } from './nftMatch.js';
import { matchText, variantsOverlap } from './nftMatch.js';
import { allowListSetName, readOnlyChainName } from './nftNames.js';
import { ruleText, variantId } from './nftRuleLine.js';
import type { RuleView } from './nftRuleLine.js';
import { elementLines } from './nftSets.js';
import type { SetView } from './nftSets.js';
import { nftComment, nftNote } from './nftText.js';

/**
 * Read-only flows (C2 protocol-filter, `mode: dpi`): a stateless check of the
 * operation code at a fixed byte of the L4 payload, e.g. the Modbus function code at
 * `@ih,56,8` (byte 7, after the 7-byte MBAP header; vendors.md 4.4, tested with
 * pymodbus: FC 3 passed, FC 6 reset).
 *
 * Placement: the write arrives on an ESTABLISHED connection, so the check cannot sit
 * in the flow's boundary chain behind `ct state established,related accept`. Each
 * boundary direction with read-only flows gets a chain `ro_<from>_<to>`, jumped to
 * from `forward` BEFORE the established accept, so it sees every segment whatever its
 * conntrack state (as modbus-ro.nft in the lab).
 *
 * Match: the code is NOT in the protocol's allow-list (read + session codes). The
 * catalogue defines read-only as that allow-list ("a code in neither list is treated
 * as a write", protocols.yaml), the spec evaluator allows exactly `allowed`, and a
 * deny-list would let vendor codes through (Modbus 90 is Schneider UMAS programming).
 * A segment too short to hold the byte does not match (the payload load fails), so
 * SYNs and pure ACKs pass.
 *
 * First match: the chain mirrors the IR order of the direction's flow rules. Before a
 * read-only rule, every earlier rule that could match the same packets gets a
 * `return` (its packets are decided by that earlier rule, e.g. a read-write flow
 * from the HMI that may write); after a read-only rule that is followed by another,
 * its own match gets a `return` (the first read-only rule decides).
 *
 * enforce: `reject with tcp reset` (UDP: drop); monitor: counter + log, nothing dropped.
 * It is defence in depth, not DPI: several PDUs pipelined in one segment can evade it.
 */
export interface ReadOnlyOutput {
  sets: SetView[];
  /** `ro_<from>_<to>` chains, in boundary direction order. */
  chains: { name: string; from: string; to: string; rules: RuleView[] }[];
}

type VariantsOf = (rule: Rule) => Variant[];

export function isDpi(rule: Rule): boolean {
  return rule.kind === 'flow' && rule.action === 'allow' && rule.readOnly?.mode === 'dpi';
}

export class ReadOnlyChecks {
  readonly sets: SetView[] = [];
  private readonly allowLists = new Map<string, string>();
  private readonly perProtocol = new Map<string, number>();

  constructor(private readonly nc: NftContext, private readonly variantsOf: VariantsOf) {}

  /** The `ro_` chain of one boundary direction, or undefined when it has no read-only flow. */
  chainFor(from: string, to: string, rules: Rule[]): ReadOnlyOutput['chains'][number] | undefined {
    const last = rules.map(isDpi).lastIndexOf(true);
    if (last < 0) return undefined;
    const name = readOnlyChainName(from, to);
    if (!acceptName(this.nc, this.nc.chains, name, 'chain', `read-only checks ${from} -> ${to}`, `${this.nc.ep.pointer}/interfaces`)) return undefined;
    const out: RuleView[] = [];
    for (let i = 0; i <= last; i++) {
      const rule = rules[i];
      const later = rules.slice(i + 1, last + 1).filter(isDpi).flatMap(this.variantsOf);
      if (isDpi(rule)) out.push(...this.checks(rule));
      const exempt = isDpi(rule) ? later.length > 0 : this.variantsOf(rule).some((v) => later.some((w) => variantsOverlap(v, w)));
      if (exempt) out.push(...this.exemptions(rule, isDpi(rule)));
    }
    return { name, from, to, rules: out };
  }

  private checks(rule: Rule): RuleView[] {
    const ro = rule.readOnly!;
    if (ro.payloadOffset === undefined) {
      this.nc.diagnostics.push({
        code: 'OTPC705', severity: 'error', file: this.nc.file, pointer: rulePointer(this.nc, rule),
        message: `nftables: read-only ${ro.protocol} needs the byte offset of ${ro.field} in the payload; the catalogue gives none`,
        hint: 'Give the protocol a payload-offset in the catalogue, or remove access: read-only for this flow.',
      });
      return [];
    }
    const set = this.allowList(ro, rule);
    const enforce = rulePhase(this.nc.ep, rule) === 'enforce';
    const variants = this.variantsOf(rule);
    return variants.map((v, i) => ({
      notes: i === 0 ? [nftNote(`R${rule.number} read-only ${ro.protocol}: ${ro.field} at payload byte ${ro.payloadOffset} must be one of ${ro.allowed.join(' ')}`)] : [],
      text: ruleText(this.nc, {
        match: matchText(v),
        extra: [`@ih,${ro.payloadOffset! * 8},8 != @${set}`],
        log: { id: variantId(rule.number, i, variants.length), word: enforce ? (v.transport === 'udp' ? 'drop-ro' : 'reject-ro') : 'log-ro' },
        ...(enforce ? { verdict: v.transport === 'udp' ? 'drop' : 'reject with tcp reset' } : {}),
        comment: nftComment(
          `R${rule.number} read-only ${ro.protocol}${enforce ? '' : ', monitor: log only'}: stateless per-segment check, defence in depth; pipelined PDUs can evade it`,
          this.nc.commentMax),
      }),
    }));
  }

  private exemptions(rule: Rule, afterCheck: boolean): RuleView[] {
    const why = afterCheck ? 'decided by this read-only rule (first match)' : 'decided by this earlier rule (first match)';
    return this.variantsOf(rule).map((v) => ({
      notes: [],
      text: ruleText(this.nc, { match: matchText(v), verdict: 'return', comment: nftComment(`R${rule.number} ${why}`, this.nc.commentMax) }),
    }));
  }

  /** `set ro_<protocol>_allowed { typeof @ih,<bits>,8; elements = { ... } }`, one per distinct list. */
  private allowList(ro: ReadOnlyFilter, rule: Rule): string {
    const key = `${ro.protocol}|${ro.payloadOffset}|${ro.allowed.join(',')}`;
    const known = this.allowLists.get(key);
    if (known !== undefined) return known;
    const k = (this.perProtocol.get(ro.protocol) ?? 0) + 1;
    this.perProtocol.set(ro.protocol, k);
    const name = allowListSetName(ro.protocol, k);
    this.allowLists.set(key, name);
    if (acceptName(this.nc, this.nc.sets, name, 'set', `read-only allow-list ${key}`, rulePointer(this.nc, rule))) {
      this.sets.push({
        name,
        lines: [
          `typeof @ih,${ro.payloadOffset! * 8},8`,
          `comment "${nftComment(`otpc ${ro.protocol} ${ro.field} allowed on read-only flows (read + session); any other code is treated as a write`, this.nc.commentMax)}"`,
          ...elementLines(ro.allowed.map(String)),
        ],
      });
    }
    return name;
  }
}
