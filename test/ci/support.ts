import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { parse, stringify } from 'yaml';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import type { Analysis } from '../../src/analyzePolicy.js';
import type { ReportContext } from '../../src/reports/types.js';
import { mulberry32 } from '../../bench/prng.js';

/** Analyse a policy text as the CLI does (the test "today" unless given). */
export function analyze(text: string, file = 'plant.yaml', today = '2027-01-15'): Required<Pick<Analysis, 'model' | 'catalogs' | 'placement' | 'assessment' | 'sourceMap'>> & Analysis {
  const a = analyzePolicy({ text, file, today });
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !a.model) throw new Error(`fixture is invalid: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return a as ReturnType<typeof analyze>;
}

/** The report context the CLI builds (locations at the key's line), without a tool version so goldens stay put. */
export function reportContext(a: ReturnType<typeof analyze>, extra: Partial<ReportContext> = {}): ReportContext {
  return {
    model: a.model, catalogs: a.catalogs, placement: a.placement, file: a.model.file,
    locate: (p) => a.sourceMap.locate(p, 'key'), ...extra,
  };
}

/** mulberry32 (bench/prng.js), so a failing shuffle can be replayed from its seed. */
export function rng(seed: number): () => number {
  return mulberry32(seed);
}

function shuffled<T>(xs: T[], next: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function shuffleValue(v: unknown, next: () => number): unknown {
  if (Array.isArray(v)) return shuffled(v.map((x) => shuffleValue(x, next)), next);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(shuffled(Object.entries(v).map(([k, x]) => [k, shuffleValue(x, next)] as const), next));
  }
  return v;
}

/**
 * The same policy with every mapping's keys and every list in a random order. Every
 * list of the policy format is order-free (flows, waivers, networks, addresses,
 * capabilities, endpoints, the two zones of a conduit), so the result means the same.
 */
export function shufflePolicy(text: string, seed: number): string {
  return stringify(shuffleValue(parse(text), rng(seed)), { lineWidth: 0 });
}

// CommonJS packages: under NodeNext the default import is module.exports, whose .default is the export
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

let validator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

/** Validates against the vendored OASIS SARIF 2.1.0 schema (test/ci/fixtures, draft-04). */
export function sarifErrors(log: unknown): unknown[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  const validate = validator!;
  return validate(log) ? [] : ((validate.errors as unknown[]) ?? ['invalid']);
}

export const PLANT_FILE = 'test/cli/fixtures/plant.yaml';
export const plantText = () => readFileSync(PLANT_FILE, 'utf8');
