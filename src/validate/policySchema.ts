import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/** The policy JSON Schema ships in the package (also used by editors via yaml-language-server). */
const SCHEMA_URL = new URL('../../schemas/policy.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

/**
 * The policy schema, compiled once per process (compilation dominates a small
 * run otherwise). strict: the schema itself is checked; allErrors: report every
 * problem at once; verbose: errors carry the value and schema for the messages.
 */
export function policySchema(): ValidateFunction {
  if (compiled === undefined) {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object;
    const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true });
    compiled = ajv.compile(schema);
  }
  return compiled;
}
