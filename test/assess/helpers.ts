import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import type { Analysis } from '../../src/analyzePolicy.js';
import type { Status } from '../../src/assess/types.js';

export const TODAY = '2026-11-25';
export const EXAMPLES = ['water-treatment', 'substation', 'batch-chemical'];

export function exampleDoc(name: string): Record<string, any> {
  return parse(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8')) as Record<string, any>;
}

export function analyzeDoc(doc: unknown, file = 'policy.yaml'): Analysis {
  const a = analyzePolicy({ text: stringify(doc), file, today: TODAY });
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !a.assessment) throw new Error(`policy invalid: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  return a;
}

export const RANK: Record<Status, number> = { native: 0, compensated: 1, waived: 2, partial: 3, gap: 4 };

/** device id -> requirement id -> row */
export function rowsOf(a: Analysis) {
  const out = new Map<string, Map<string, { status: Status; controls: string[] }>>();
  for (const d of a.assessment!.devices) out.set(d.id, new Map(d.requirements.map((r) => [r.id, { status: r.status, controls: r.controls }])));
  return out;
}
