import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { buildAddressBook } from '../../src/baseline/addressBook.js';
import { classifyFlows } from '../../src/baseline/classifyFlows.js';
import type { ClassifiedFlow } from '../../src/baseline/classifyFlows.js';
import { readFlows } from '../../src/baseline/readFlows.js';
import { buildServicePorts } from '../../src/baseline/servicePorts.js';
import type { FlowSet } from '../../src/baseline/types.js';
import type { Catalogs } from '../../src/catalog/types.js';
import type { Model, Placement } from '../../src/model/types.js';

export const EXAMPLES = ['examples/water-treatment.yaml', 'examples/substation.yaml', 'examples/batch-chemical.yaml'];

/** A fixed "today" so waiver expiry never changes a test result. */
export const TODAY = '2026-06-01';

export interface Analyzed { model: Model; catalogs: Catalogs; placement: Placement }

export function analyzeText(text: string, file = 'policy.yaml'): Analyzed {
  const a = analyzePolicy({ text, file, today: TODAY });
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !a.model) throw new Error(`${file}: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return { model: a.model, catalogs: a.catalogs!, placement: a.placement! };
}

export function analyzeExample(file: string): Analyzed {
  return analyzeText(readFileSync(file, 'utf8'), file);
}

/** Text cut into chunks of `size` characters, as a stream would deliver it. */
export function chunks(text: string, size = 1 << 16): Readable {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return Readable.from(parts.map((p) => Buffer.from(p, 'utf8')));
}

export async function readText(text: string, catalogs: Catalogs, size?: number): Promise<FlowSet> {
  const r = await readFlows(chunks(text, size), { servicePorts: buildServicePorts(catalogs.protocols.values()) });
  if (!r.ok) throw new Error(`readFlows: ${r.message}`);
  return r.set;
}

export async function classifiedText(a: Analyzed, text: string): Promise<ClassifiedFlow[]> {
  return classifyFlows((await readText(text, a.catalogs)).flows, buildAddressBook(a.model));
}

/** "src dst proto dport", the manifests' flow identity. */
export const flowKey = (f: { src: string; dst: string; proto: string; dport: number }) => `${f.src} ${f.dst} ${f.proto} ${f.dport}`;
