import { evaluate, indexIR } from '../../src/rules/evaluate.js';
import type { EnforcementIR, Verdict } from '../../src/rules/types.js';
import { formatAddress } from '../../src/model/ip.js';
import { Lab } from './lab.js';
import { parseRuleset } from './nftJson.js';
import type { ParsedRuleset } from './nftJson.js';
import { ruleNumberOf } from './nftInterpreter.js';
import { planProbes, toProbeSpec, waves } from './probes.js';
import type { Probe } from './probes.js';

/**
 * The kernel oracle for one enforcement point: builds the lab, loads the rendered
 * ruleset, sends every planned probe as real traffic and returns, per probe, the
 * kernel's verdict next to the spec evaluator's; then the kernel's counters per IR
 * rule (from the otpc log prefix of each nft rule) next to the number of probes the
 * evaluator attributes to that rule.
 */
export interface ProbeOutcome {
  probe: Probe;
  kernel: 'allow' | 'deny';
  spec: Verdict;
  detail: string;
}

export interface OracleResult {
  outcomes: ProbeOutcome[];
  skipped: Probe[];
  /** IR rule number -> packets counted by its verdict rules (accept / drop / monitor-pass). */
  counters: Map<number, number>;
  /** IR rule number -> probes the evaluator says it decides. */
  expected: Map<number, number>;
  ruleset: ParsedRuleset;
  ms: number;
}

const VERDICT_WORDS = /^otpc \d+(?:\.\d+)? (accept|drop|monitor-pass) $/;

export function describeProbe(o: ProbeOutcome): string {
  const p = o.probe.packet;
  return `${o.probe.label}: ${p.fromZone}>${p.toZone} ${formatAddress(p.family, p.src)} -> ${formatAddress(p.family, p.dst)} ${p.transport}/${p.dport}`
    + ` kernel=${o.kernel} spec=${o.spec.action} (${o.spec.rule})${o.detail ? ` [${o.detail}]` : ''}`;
}

export async function runOracle(ep: EnforcementIR, text: string): Promise<OracleResult> {
  const t0 = Date.now();
  const plan = planProbes(ep);
  const lab = await Lab.create(ep, plan.hosts);
  try {
    await lab.loadRuleset(text);
    await lab.listen(plan.listeners);
    const idx = indexIR(ep);
    const outcomes: ProbeOutcome[] = [];
    const planned = waves(ep, plan.probes);
    for (const [w, wave] of planned.entries()) {
      const started = Date.now();
      const results = await lab.probeAll(wave.map((p) => toProbeSpec(p.packet)));
      wave.forEach((probe, i) => outcomes.push({
        probe, kernel: results[i].allowed ? 'allow' : 'deny', spec: evaluate(ep, probe.packet, idx),
        detail: results[i].allowed ? '' : results[i].error.split('\n').pop() ?? '',
      }));
      // the per-second meters refill before the next wave
      const left = 1100 - (Date.now() - started);
      if (w < planned.length - 1 && left > 0) await new Promise((r) => setTimeout(r, left));
    }
    const ruleset = parseRuleset(await lab.rulesetJson());
    const counters = new Map<number, number>();
    for (const chain of ruleset.chains.values()) {
      for (const r of chain.rules) {
        if (r.logPrefix === undefined || !VERDICT_WORDS.test(r.logPrefix)) continue;
        const n = ruleNumberOf(r)!;
        counters.set(n, (counters.get(n) ?? 0) + (r.counter?.packets ?? 0));
      }
    }
    const numberOf = new Map(ep.rules.map((r) => [r.id, r.number]));
    const expected = new Map<number, number>();
    for (const o of outcomes) {
      const n = numberOf.get(o.spec.rule);
      if (n !== undefined) expected.set(n, (expected.get(n) ?? 0) + 1);
    }
    return { outcomes, skipped: plan.skipped, counters, expected, ruleset, ms: Date.now() - t0 };
  } finally {
    await lab.destroy();
  }
}

/**
 * Everything the kernel run says against the spec: a probe where the kernel and the
 * evaluator disagree, a rule the evaluator says decided N probes whose nft rules
 * counted fewer packets (a TCP SYN may be retransmitted, so more is fine), and a rule
 * that counted packets although the evaluator attributes none to it.
 */
export function oracleProblems(res: OracleResult, ep: EnforcementIR): string[] {
  const out = res.outcomes.filter((o) => o.kernel !== o.spec.action).map((o) => `verdict: ${describeProbe(o)}`);
  for (const rule of ep.rules) {
    const want = res.expected.get(rule.number) ?? 0;
    const got = res.counters.get(rule.number) ?? 0;
    if (want === 0 && got !== 0) out.push(`counter: ${rule.id} counted ${got} packets, the evaluator attributes no probe to it`);
    if (want > 0 && got < want) out.push(`counter: ${rule.id} counted ${got} packets for ${want} probes`);
  }
  return out;
}
