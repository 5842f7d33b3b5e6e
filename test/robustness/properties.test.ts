import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../src/assess/types.js';
import { FRS } from '../../src/model/types.js';
import type { TraceDocument } from '../../src/rules/buildTrace.js';
import type { PolicyDoc } from '../support/modelFixtures.js';
import { PHASES, runPipeline } from './pipeline.js';
import { parseFortios } from '../reparse/fortios/parseFortios.js';
import type { PipelineRun } from './pipeline.js';
import { arbitraryRichPolicy } from './richPolicy.js';
import { seededRng, shuffleDocument, unclassifiedLists } from './shuffleDocument.js';

/**
 * Properties of the whole pipeline over generated VALID policies (YAML text →
 * analyzePolicy → compilePolicy for target all in both phases → every report
 * formatter). numRuns is tuned so that the file stays well under 60 s on 2 cores.
 */
const RUNS = Number(process.env.OTPC_PROPERTY_RUNS ?? 15);
/** The permutation property runs the pipeline four times per case. */
const PERMUTATION_RUNS = Math.max(1, Math.round(RUNS * 0.6));

/** YAML text in one of several styles: the same data must give the same output whatever the layout. */
function toYaml(doc: unknown, style: number): string {
  const styles = [
    {},
    { indent: 4 },
    { collectionStyle: 'flow' as const, lineWidth: 0 },
    { defaultStringType: 'QUOTE_DOUBLE' as const, defaultKeyType: 'PLAIN' as const },
  ];
  return stringify(doc, styles[style % styles.length]);
}

/**
 * Artifacts with the fields that legitimately depend on list positions or line
 * numbers removed, each named here on purpose:
 * - trace.json `trace.flowIndex` and `trace.pointer`: the flow's index in its YAML
 *   list and its JSON pointer (/conduits/c/flows/3) are the link back to the source,
 *   so they follow the list order; everything else in trace.json (rule ids, numbers,
 *   flow keys, SRs) must not move.
 * - SARIF `region` and GitLab Code Quality `lines`/`positions`: line/column of each
 *   result in the YAML text (and so the order of the results, which follows the text).
 * - JUnit / GitHub annotations: line and column attributes / parameters (GitHub's
 *   endColumn is present only for one-line ranges, so the parameters are dropped).
 * - HTML: "line N" in source links.
 * Everything else (all vendor configs, the JSON and Markdown reports) is compared
 * byte for byte.
 */
function positionFree(name: string, text: string): string {
  if (name.endsWith('/trace.json')) {
    const t = JSON.parse(text) as TraceDocument;
    for (const ep of t.enforcement) for (const r of ep.rules) if (r.trace) { delete (r.trace as Partial<typeof r.trace>).flowIndex; delete (r.trace as Partial<typeof r.trace>).pointer; }
    return JSON.stringify(t, null, 2);
  }
  if (name === 'report/sarif') {
    // results are listed in source order, so their ORDER follows the layout too: compared sorted
    const sarif = JSON.parse(JSON.stringify(JSON.parse(text), (k, v) => (k === 'region' ? undefined : v))) as { runs: { results?: unknown[] }[] };
    for (const r of sarif.runs) r.results = (r.results ?? []).map((x) => JSON.stringify(x)).sort() as unknown[];
    return JSON.stringify(sarif, null, 2);
  }
  if (name === 'report/codequality') {
    // GitLab Code Quality: location.lines / positions are line numbers, and issues follow source order
    return JSON.stringify((JSON.parse(text) as unknown[]).map((x) => JSON.stringify(x, (k, v) => (k === 'lines' || k === 'positions' ? undefined : v))).sort(), null, 2);
  }
  if (name === 'report/junit' || name === 'report/html') return text.replace(/\b(line|col|column)(="|=|\s)\d+/g, '$1$2N').replace(/:\d+:\d+\b/g, ':N:N');
  // an annotation has endColumn only when it starts and ends on one line, which depends on the layout
  // annotations are listed in source order, so their ORDER follows the layout too: compare them as a sorted set
  if (name === 'report/github') return text.replace(/\b(line|col|endLine|endColumn)=\d+,?/g, '').split('\n').sort().join('\n');
  return text;
}

function comparable(run: PipelineRun): Record<string, string> {
  return Object.fromEntries([...run.artifacts].map(([k, v]) => [k, positionFree(k, v)]));
}

function errorsOf(run: PipelineRun): string[] {
  return run.analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.pointer ?? ''} ${d.message}`);
}

describe('pipeline properties over generated valid policies', () => {
  it('never throws, is byte-identical across runs and under any permutation of keys and unordered lists', async () => {
    await fc.assert(fc.asyncProperty(arbitraryRichPolicy(), fc.integer(), fc.nat(3), fc.nat(3), async (doc, seed, styleA, styleB) => {
      expect(unclassifiedLists(doc)).toEqual([]);
      const text = toYaml(doc, 0);
      const first = await runPipeline(text);
      expect(errorsOf(first)).toEqual([]);
      for (const phase of PHASES) expect(first.compiled[phase]?.diagnostics.filter((d) => d.severity === 'error') ?? []).toEqual([]);
      const again = await runPipeline(text);
      expect([...again.artifacts]).toEqual([...first.artifacts]);
      const shuffledText = toYaml(shuffleDocument(doc, seededRng(seed)), styleA);
      const shuffled = await runPipeline(shuffledText);
      expect(errorsOf(shuffled)).toEqual([]);
      expect(comparable(shuffled)).toEqual(comparable(first));
      // a second, different permutation and layout (different flow indexes again)
      const other = await runPipeline(toYaml(shuffleDocument(doc, seededRng(seed ^ 0x5bd1e995)), styleB));
      expect(comparable(other)).toEqual(comparable(first));
    }), { numRuns: PERMUTATION_RUNS });
  });

  it('every flow rule traces to an existing conduit flow, and every placed flow has a rule on each enforcement point joining its zones', async () => {
    await fc.assert(fc.asyncProperty(arbitraryRichPolicy(), async (doc) => {
      const run = await runPipeline(toYaml(doc, 0));
      const { model, placement } = run.analysis;
      expect(model && placement).toBeTruthy();
      for (const phase of PHASES) {
        const files = run.compiled[phase]!.files;
        const trace = JSON.parse(files.find((f) => f.path === 'trace.json')!.content) as TraceDocument;
        for (const ep of trace.enforcement) {
          const config = files.find((f) => f.path.startsWith(`${ep.id}.`))!.content;
          for (const rule of ep.rules) {
            if (rule.action === 'allow' && rule.kind !== 'flow') {
              // only the monitor phase has allow rules that are not flows: the final rules that log instead of deny
              expect(phase).toBe('monitor');
              expect(rule.log).toBe(true);
              continue;
            }
            if (rule.kind !== 'flow') continue;
            expect(rule.action).toBe('allow');
            const t = rule.trace!;
            const flows = (doc.conduits ?? {})[t.conduit]?.flows;
            expect(flows, `rule ${rule.id}: conduit ${t.conduit} exists in the policy`).toBeDefined();
            expect(t.flowIndex).toBeGreaterThanOrEqual(0);
            expect(t.flowIndex).toBeLessThan(flows!.length);
            expect(t.pointer).toBe(`/conduits/${t.conduit}/flows/${t.flowIndex}`);
            expect(model!.conduits.get(t.conduit)!.flows.find((f) => f.index === t.flowIndex)!.key).toBe(t.flowKey);
            expect(config, `${ep.id}: rule ${rule.id} is rendered`).toContain(rule.id);
          }
          if (ep.platform === 'fortios') {
            // the other direction, read back from the config by the independent FortiOS parser:
            // every accepting policy is a rule of the trace (policy id = rule number) that allows
            // (a conduit flow; in monitor also the logging boundary finals)
            const allowed = new Map(ep.rules.filter((r) => r.action === 'allow').map((r) => [String(r.number), r]));
            const section = parseFortios(config).sections.find((x) => x.path === 'firewall policy');
            for (const entry of section?.entries ?? []) {
              if (entry.sets.get('action')?.values[0] !== 'accept') continue;
              const rule = allowed.get(entry.id);
              expect(rule, `${ep.id}: accepting policy ${entry.id} (line ${entry.line}) is an allow rule of the trace`).toBeDefined();
              if (phase === 'enforce') expect(rule!.kind).toBe('flow');
            }
          }
        }
        for (const [conduitId, points] of placement!.byConduit) {
          const conduit = model!.conduits.get(conduitId)!;
          const joining = [...model!.enforcement.values()].filter((ep) => conduit.zones.every((z) => Object.prototype.hasOwnProperty.call(ep.interfaces, z))).map((ep) => ep.id).sort();
          expect(points).toEqual(joining);
          for (const epId of points) {
            const rules = trace.enforcement.find((e) => e.id === epId)!.rules;
            for (const flow of conduit.flows) {
              expect(rules.some((r) => r.kind === 'flow' && r.trace?.conduit === conduitId && r.trace.flowKey === flow.key), `${epId}: a rule for ${conduitId} ${flow.key}`).toBe(true);
            }
          }
        }
      }
    }), { numRuns: RUNS });
  });

  it('every requirement has exactly one of the five statuses, and SL-A never exceeds what the statuses allow', async () => {
    await fc.assert(fc.asyncProperty(arbitraryRichPolicy(), async (doc: PolicyDoc) => {
      const run = await runPipeline(toYaml(doc, 0));
      const report = JSON.parse(run.artifacts.get('report/json')!) as {
        summary: Record<string, number>;
        devices: { id: string; slAchieved: Record<string, number>; requirements: { id: string; fr: string; sl: number; status: unknown }[] }[];
      };
      const counts: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
      for (const d of report.devices) {
        for (const r of d.requirements) {
          expect(typeof r.status).toBe('string');
          expect(STATUSES).toContain(r.status);
          counts[r.status as string]++;
        }
        for (const fr of FRS) {
          const achieved = d.slAchieved[fr];
          expect(Number.isInteger(achieved) && achieved >= 0 && achieved <= 4).toBe(true);
          for (const r of d.requirements.filter((x) => x.fr === fr && x.sl <= achieved)) {
            expect(['native', 'compensated'], `${d.id} ${r.id} (SL ${r.sl}) under SL-A ${fr}=${achieved}`).toContain(r.status);
          }
        }
      }
      for (const s of STATUSES) expect(report.summary[s]).toBe(counts[s]);
    }), { numRuns: RUNS });
  });
});

describe('regressions found by these properties', () => {
  // Found by the permutation property: FortiOS policy comments carried the flow's YAML list
  // index ("[conduit c, flows[3]]"), so reordering a conduit's flows changed the config.
  it('FortiOS policy comments do not depend on the order of flows', async () => {
    const text = (flows: string[]) => `otpc: 1
site: { id: s, name: S }
zones:
  a: { purdue: 2, sl-target: 2, criticality: high, networks: [10.1.0.0/24] }
  b: { purdue: 1, sl-target: 2, criticality: high, networks: [10.2.0.0/24] }
assets:
  hmi: { zone: a, type: hmi, address: 10.1.0.10 }
  plc: { zone: b, type: plc, address: 10.2.0.10 }
conduits:
  a-b:
    zones: [a, b]
    flows:
${flows.map((f) => `      - ${f}`).join('\n')}
enforcement:
  fw: { platform: fortios, interfaces: { a: port1, b: port2 } }
`;
    const one = '{ from: hmi, to: plc, protocol: modbus }';
    const two = '{ from: hmi, to: plc, protocol: enip }';
    const first = await runPipeline(text([one, two]));
    const second = await runPipeline(text([two, one]));
    expect(second.artifacts.get('config/enforce/fw.conf')).toBe(first.artifacts.get('config/enforce/fw.conf'));
  });
});
