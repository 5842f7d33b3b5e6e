import { stringify } from 'yaml';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import type { Finding } from '../../src/assess/types.js';

/**
 * A small, valid site for the analysis tables: enterprise (Purdue 4, SL-T 1), DMZ
 * (3.5, SL-T 2), supervisory (2, SL-T 2) and control (1, SL-T 3) behind one FortiGate.
 * Tests replace the conduits (and options) and read the OTPC751-757 findings the real
 * pipeline (analyzePolicy) reports.
 */
export type Doc = Record<string, unknown> & { conduits: Record<string, unknown>; enforcement: Record<string, Record<string, unknown>> };

export function site(conduits: Record<string, unknown>, extra: { options?: Record<string, unknown>; assets?: Record<string, unknown> } = {}): Doc {
  return {
    otpc: 1,
    site: { id: 'analysis-site', name: 'Analysis site' },
    zones: {
      enterprise: { purdue: 4, 'sl-target': 1, criticality: 'low', trust: 'untrusted', networks: ['10.10.0.0/16'] },
      dmz: { purdue: 3.5, 'sl-target': 2, criticality: 'medium', networks: ['172.16.10.0/24'] },
      supervisory: { purdue: 2, 'sl-target': 2, criticality: 'high', networks: ['10.20.2.0/24'] },
      control: { purdue: 1, 'sl-target': 3, criticality: 'critical', networks: ['10.20.1.0/24'] },
    },
    assets: {
      'ent-pc': { zone: 'enterprise', type: 'server', address: '10.10.1.10' },
      'dmz-jump': { zone: 'dmz', type: 'jump-host', address: '172.16.10.10' },
      'dmz-hist': { zone: 'dmz', type: 'historian', address: '172.16.10.20' },
      'hmi-1': { zone: 'supervisory', type: 'hmi', address: '10.20.2.21' },
      'ws-1': { zone: 'supervisory', type: 'ews', address: '10.20.2.31' },
      hist: { zone: 'supervisory', type: 'historian', address: '10.20.2.40' },
      'plc-1': { zone: 'control', type: 'plc', address: '10.20.1.11' },
      'plc-2': { zone: 'control', type: 'plc', address: '10.20.1.12' },
      ...(extra.assets ?? {}),
    },
    conduits,
    enforcement: {
      'fw-1': {
        platform: 'fortios',
        interfaces: { enterprise: 'port1', dmz: 'port2', supervisory: 'port3', control: 'port4' },
        ...(extra.options ? { options: extra.options } : {}),
      },
    },
  };
}

export function analysisFindings(doc: Doc, catalogFiles: { file: string; text: string }[] = []): Finding[] {
  const a = analyzePolicy({ text: stringify(doc), file: 'site.yaml', today: '2026-06-01', catalogFiles });
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !a.assessment) throw new Error(`invalid test policy: ${errors.map((d) => `${d.code} ${d.pointer} ${d.message}`).join('; ')}`);
  return a.assessment.findings.filter((f) => f.code >= 'OTPC751' && f.code <= 'OTPC757');
}

/** "CODE severity pointer" of the findings with one code. */
export function located(findings: Finding[], code: string): string[] {
  return findings.filter((f) => f.code === code).map((f) => `${f.code} ${f.severity} ${f.pointer}`);
}

/** A conduit between two zones with the given flows. */
export function conduit(a: string, b: string, ...flows: Record<string, unknown>[]): Record<string, unknown> {
  return { zones: [a, b], flows };
}
