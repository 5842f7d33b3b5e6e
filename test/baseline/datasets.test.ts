import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAddressBook } from '../../src/baseline/addressBook.js';
import { classifyFlows } from '../../src/baseline/classifyFlows.js';
import { buildConduitCoverage } from '../../src/baseline/conduitCoverage.js';
import { discoverFlows } from '../../src/baseline/discoverFlows.js';
import { readFlows } from '../../src/baseline/readFlows.js';
import { buildServicePorts } from '../../src/baseline/servicePorts.js';
import { simulateFlows } from '../../src/baseline/simulateFlows.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { analyzeExample, flowKey } from './support.js';

/**
 * Ground truth (test/data/flows/README.md "Definitions"): for every dataset, discover
 * and simulate find exactly the manifest's undocumented addresses, uncovered flows,
 * unseen assets and blocked flows (nothing missing, nothing extra), and the reader
 * finds its format, re-oriented records and bad line numbers.
 */
interface Manifest {
  policy: string;
  flows: string;
  format: string;
  undocumentedAddresses: string[];
  uncoveredFlows: { src: string; dst: string; proto: string; dport: number }[];
  unseenAssets: string[];
  blockedFlows: { src: string; dst: string; proto: string; dport: number }[];
  reoriented: number;
  badLines: number[];
}

const DIR = 'test/data/flows';
const manifests = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.expected.json')).sort() : [];
const sorted = (xs: string[]) => [...xs].sort();

describe('discover and simulate match the dataset manifests exactly', () => {
  it('has datasets to check', () => {
    expect(manifests.length).toBeGreaterThan(0);
  });

  it.each(manifests)('%s', async (name) => {
    const m = JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')) as Manifest;
    const a = analyzeExample(m.policy);
    const read = await readFlows(createReadStream(m.flows), { servicePorts: buildServicePorts(a.catalogs.protocols.values()) });
    if (!read.ok) throw new Error(read.message);
    const { stats, flows } = read.set;
    expect({ format: stats.format, reoriented: stats.reoriented, badLines: stats.badLines })
      .toEqual({ format: m.format, reoriented: m.reoriented, badLines: m.badLines });

    const classified = classifyFlows(flows, buildAddressBook(a.model));
    const d = discoverFlows(a.model, classified, buildConduitCoverage(a.model));
    expect(sorted(d.undocumented.map((x) => x.address))).toEqual(sorted(m.undocumentedAddresses));
    expect(sorted(d.uncovered.flatMap((g) => g.flows.map(flowKey)))).toEqual(sorted(m.uncoveredFlows.map(flowKey)));
    expect(sorted(d.unseenAssets.map((x) => x.id))).toEqual(sorted(m.unseenAssets));

    const sim = simulateFlows(buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'enforce' }), classified);
    expect(sorted(sim.blocked.map(flowKey))).toEqual(sorted(m.blockedFlows.map(flowKey)));
    // every blocked flow is an uncovered one, and its rule is a default deny
    const uncovered = new Set(m.uncoveredFlows.map(flowKey));
    for (const f of sim.blocked) {
      expect(uncovered.has(flowKey(f))).toBe(true);
      for (const h of f.hits) expect(h.kind).not.toBe('flow');
    }
    // in the monitor phase nothing is blocked: the same flows become would-deny log entries
    const monitor = simulateFlows(buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'monitor' }), classified);
    expect(monitor.blocked).toEqual([]);
    expect(sorted(monitor.wouldDeny.map(flowKey))).toEqual(sorted(m.blockedFlows.map(flowKey)));
  });
});

/**
 * test/data/flows/README.md "Writes on read-only flows": per dataset, the write records the
 * table lists are exactly the read-only findings of `simulate` (enforce phase), with the
 * effect its note states (port-only: passes; "denied": dropped). A dataset the table does not
 * name has none (the Zeek files have no operations column).
 */
function readmeWrites(): Map<string, string[]> {
  const readme = readFileSync(`${DIR}/README.md`, 'utf8');
  const from = readme.indexOf('**Writes on read-only flows**');
  const rows = readme.slice(from).split('\n').filter((l) => l.startsWith('| `'));
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const [datasets, record, codes, note] = row.split('|').slice(1, 5).map((c) => c.trim());
    const m = /^(\S+) -> (.+) (tcp|udp)\/(\d+)$/.exec(record);
    if (!m) throw new Error(`README row not understood: ${row}`);
    const [, src, dstList, proto, port] = m;
    const dsts = dstList.split(/,\s*/);
    const base = dsts[0].replace(/\.\d+$/, '');
    const code = /(\d+)\s*(?:\(.*\))?$/.exec(codes)![1]; // "Modbus 15", "S7 5 (Write Var)"
    const effect = note.includes('port-only') ? 'port-only passes' : note.includes('denied') ? 'dpi dropped' : 'dpi logged';
    for (const name of [...datasets.matchAll(/`([^`]+)`/g)].map((x) => x[1])) {
      const list = out.get(name) ?? [];
      for (const d of dsts) list.push(`${src} ${d.startsWith('.') ? base + d : d} ${proto} ${port} [${code}] ${effect}`);
      out.set(name, list);
    }
  }
  return out;
}

describe('the README table of writes on read-only flows is what simulate reports', () => {
  const table = readmeWrites();

  it('names only datasets that exist', () => {
    expect(table.size).toBeGreaterThan(0);
    for (const name of table.keys()) expect(manifests).toContain(`${name}.expected.json`);
  });

  it.each(manifests)('%s', async (name) => {
    const m = JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')) as Manifest;
    const a = analyzeExample(m.policy);
    const read = await readFlows(createReadStream(m.flows), { servicePorts: buildServicePorts(a.catalogs.protocols.values()) });
    if (!read.ok) throw new Error(read.message);
    const sim = simulateFlows(buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'enforce' }), classifyFlows(read.set.flows, buildAddressBook(a.model)));
    const got = sim.readOnly.map((f) => `${flowKey(f)} [${f.writes.join(',')}] ${f.mode} ${f.blocked ? 'dropped' : f.mode === 'dpi' ? 'logged' : 'passes'}`);
    expect(sorted(got)).toEqual(sorted(table.get(name.replace(/\.expected\.json$/, '')) ?? []));
  });
});
