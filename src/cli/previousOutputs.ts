import { join } from 'node:path';
import { backendFor } from '../backends/registry.js';
import { readInputFile } from './io.js';

/** Largest trace.json read to find an earlier run's files (a trace of ~100k rules). */
const MAX_TRACE_BYTES = 64 * 1024 * 1024;
/** Enforcement point ids (DESIGN: ids are ^[a-z0-9][a-z0-9-]{0,47}$): nothing else is ever removed. */
const ID = /^[a-z0-9][a-z0-9-]{0,47}$/;

/**
 * The configuration files that an earlier `otpc compile` wrote into `dir`, read from
 * the trace.json it left there: `<enforcement id>.<extension of its platform>`, plus
 * trace.json itself. A config whose enforcement point was renamed or removed from the
 * policy would otherwise stay next to the new ones, and an engineer could deploy a
 * stale `fw-old.conf`; compile removes these (and only these) in its atomic write.
 * A missing, unreadable or foreign trace.json names nothing: no user file is removed
 * on a guess.
 */
export function previousOutputs(dir: string): string[] {
  const read = readInputFile(join(dir, 'trace.json'), MAX_TRACE_BYTES);
  if (!read.ok) return [];
  let trace: unknown;
  try {
    trace = JSON.parse(Buffer.from(read.bytes).toString('utf8'));
  } catch {
    return [];
  }
  const enforcement = (trace as { enforcement?: unknown })?.enforcement;
  if (!Array.isArray(enforcement)) return [];
  const out = new Set<string>(['trace.json']);
  for (const ep of enforcement) {
    const { id, platform } = (ep ?? {}) as { id?: unknown; platform?: unknown };
    if (typeof id !== 'string' || !ID.test(id) || typeof platform !== 'string') continue;
    const backend = backendFor(platform);
    if (backend && /^[a-z0-9]+$/.test(backend.extension)) out.add(`${id}.${backend.extension}`);
  }
  return [...out].sort();
}
