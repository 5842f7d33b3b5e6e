import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildAddressBook } from '../../src/baseline/addressBook.js';
import { classifyFlows } from '../../src/baseline/classifyFlows.js';
import { buildConduitCoverage } from '../../src/baseline/conduitCoverage.js';
import { discoverFlows } from '../../src/baseline/discoverFlows.js';
import { suggestYaml } from '../../src/baseline/suggestYaml.js';
import { analyzeText, readText } from './support.js';
import type { Analyzed } from './support.js';

type Doc = Record<string, Record<string, Record<string, unknown>> | unknown>;

/** What an engineer does with the fragment: add its zones, assets and conduits; append flows to existing conduits. */
function merge(policy: Doc, fragment: Doc): Doc {
  const out = structuredClone(policy) as Record<string, Record<string, Record<string, unknown>>>;
  for (const section of ['zones', 'assets', 'conduits'] as const) {
    const add = (fragment[section] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [id, entry] of Object.entries(add)) {
      const known = out[section]?.[id];
      if (section === 'conduits' && known) (known.flows as unknown[]).push(...(entry.flows as unknown[]));
      else if (known) throw new Error(`the fragment redefines ${section}.${id}`);
      else (out[section] ??= {})[id] = entry;
    }
  }
  for (const key of Object.keys(fragment)) if (!['zones', 'assets', 'conduits'].includes(key)) throw new Error(`unexpected key ${key}`);
  return out;
}

async function discover(a: Analyzed, flows: string) {
  const classified = classifyFlows((await readText(flows, a.catalogs)).flows, buildAddressBook(a.model));
  const coverage = buildConduitCoverage(a.model);
  const detail = discoverFlows(a.model, classified, coverage);
  return { detail, suggestion: suggestYaml(a.model, a.catalogs, coverage, detail) };
}

const DIR = 'test/data/flows';
const datasets = existsSync(DIR)
  ? readdirSync(DIR).filter((f) => f.endsWith('.expected.json')).sort().map((f) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as { policy: string; flows: string })
  : [];

describe('the suggested YAML fragment', () => {
  it.each(datasets.map((d) => [`${d.flows} on ${d.policy}`, d] as const))('%s: merged into the policy, validates and documents every observed device and flow', async (_, d) => {
    const policyText = readFileSync(d.policy, 'utf8');
    const flows = readFileSync(d.flows, 'utf8');
    const before = await discover(analyzeText(policyText, d.policy), flows);
    const fragment = parse(before.suggestion) as Doc;
    expect(fragment).toBeTypeOf('object');
    const merged = stringify(merge(parse(policyText) as Doc, fragment));
    const after = await discover(analyzeText(merged, `${d.policy}+suggestion`), flows);
    expect(after.detail.undocumented).toEqual([]);
    // what stays uncovered cannot be written as a conduit flow (ICMP, other IP protocols, port 0)
    const left = after.detail.uncovered.flatMap((g) => g.flows).filter((f) => (f.proto === 'tcp' || f.proto === 'udp') && f.dport !== 0);
    expect(left).toEqual([]);
    expect(after.suggestion).toMatch(/Nothing to add|Not expressible/);
  });

  it('asks for review where it guesses: TODO on type and on zones outside every network, comments name the catalogue candidates', async () => {
    const d = datasets.find((x) => x.flows.endsWith('water-treatment.csv'));
    if (!d) return;
    const { suggestion } = await discover(analyzeText(readFileSync(d.policy, 'utf8'), d.policy), readFileSync(d.flows, 'utf8'));
    expect(suggestion).toContain('type: other   # TODO type/profile');
    expect(suggestion).toMatch(/observed-10-10-8-0-24|observed-/);
    expect(suggestion).toContain('# existing conduit: append these flows to its flows list');
  });

  it('is "{}" with a comment when everything is documented', async () => {
    const policy = `otpc: 1
site: { id: s, name: S }
zones:
  a: { purdue: 2, sl-target: 2, criticality: high, networks: [10.0.1.0/24] }
  b: { purdue: 1, sl-target: 2, criticality: high, networks: [10.0.2.0/24] }
assets:
  hmi: { zone: a, type: hmi, address: 10.0.1.10 }
  plc: { zone: b, type: plc, address: 10.0.2.10 }
conduits:
  a-b: { zones: [a, b], flows: [{ from: hmi, to: plc, protocol: modbus }] }
enforcement:
  fw: { platform: nftables, interfaces: { a: eth0, b: eth1 } }
`;
    const { suggestion } = await discover(analyzeText(policy), 'src,dst,proto,dport\n10.0.1.10,10.0.2.10,tcp,502\n');
    expect(suggestion).toContain('Nothing to add');
    expect(parse(suggestion)).toEqual({});
  });
});
