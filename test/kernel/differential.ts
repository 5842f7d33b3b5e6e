import { evaluate, indexIR } from '../../src/rules/evaluate.js';
import type { EnforcementIR, Packet } from '../../src/rules/types.js';
import { formatAddress } from '../../src/model/ip.js';
import type { ParsedRuleset } from './nftJson.js';
import { interpret, ruleNumberOf } from './nftInterpreter.js';

/**
 * The re-parsed kernel ruleset against the spec evaluator, packet by packet: same
 * action, and for new connections the same deciding rule (by the rule number the
 * log prefix or comment carries). Not compared: "established" UDP/ICMP/other packets
 * whose reverse is not allowed. Without a handshake the kernel cannot tell such a
 * datagram from a new one, so it is decided as new, while the evaluator models it
 * as a stray reply; TCP is compared (a segment without SYN is dropped as new).
 */
export interface Differential {
  compared: number;
  mismatches: string[];
}

function show(p: Packet): string {
  return `${p.fromZone}>${p.toZone} ${formatAddress(p.family, p.src)} -> ${formatAddress(p.family, p.dst)} ${p.transport}/${p.dport}`
    + `${p.established ? ' established' : ''}${p.operation !== undefined ? ` op ${p.operation}` : ''}`;
}

export function differential(rs: ParsedRuleset, ep: EnforcementIR, packets: Packet[], limit = 20): Differential {
  const idx = indexIR(ep);
  const numberOf = new Map(ep.rules.map((r) => [r.id, r.number]));
  const mismatches: string[] = [];
  let compared = 0;
  for (const p of packets) {
    const spec = evaluate(ep, p, idx);
    if (p.established && p.transport !== 'tcp' && spec.action === 'deny') continue;
    compared++;
    const k = interpret(rs, ep, p);
    const n = ruleNumberOf(k.rule);
    const sameRule = p.established || n === numberOf.get(spec.rule);
    if ((k.action !== spec.action || !sameRule) && mismatches.length < limit) {
      mismatches.push(`${show(p)}: kernel ruleset ${k.action} by ${k.rule?.logPrefix ?? k.rule?.comment ?? 'policy'}, spec ${spec.action} by ${spec.rule}`);
    }
  }
  return { compared, mismatches };
}
