import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { joinPointer } from '../diagnostics/sourceMap.js';
import { CATALOG_KINDS } from './types.js';
import type { CatalogKind } from './types.js';

/** The schemas ship with the package: schemas/catalog/<kind>.schema.json (from src/catalog and dist/catalog alike). */
const SCHEMA_DIR = new URL('../../schemas/catalog/', import.meta.url);

/** One schema violation, with a JSON pointer into the catalogue document (YAML keys, kebab-case). */
export interface SchemaViolation {
  pointer: string;
  message: string;
  keyword: string;
  /** True when the pointer names an unknown key (locate the key, not its value). */
  atKey: boolean;
}

let validators: Map<CatalogKind, ValidateFunction> | undefined;

/** Compiles the six catalogue schemas once per process (ajv 2020-12, strict, allErrors). */
function catalogValidators(): Map<CatalogKind, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  validators = new Map(
    CATALOG_KINDS.map((kind) => {
      const schema = JSON.parse(readFileSync(new URL(`${kind}.schema.json`, SCHEMA_DIR), 'utf8')) as object;
      return [kind, ajv.compile(schema)];
    }),
  );
  return validators;
}

/** Validates a parsed catalogue document against its kind's schema; violations sorted by pointer, de-duplicated. */
export function validateCatalogDocument(kind: CatalogKind, doc: unknown): SchemaViolation[] {
  const validate = catalogValidators().get(kind);
  if (!validate || validate(doc)) return [];
  const seen = new Set<string>();
  const out: SchemaViolation[] = [];
  for (const error of validate.errors ?? []) {
    const violation = toViolation(error);
    const key = `${violation.pointer}\u0000${violation.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(violation);
  }
  return out.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

function toViolation(error: ErrorObject): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      return { pointer: joinPointer(error.instancePath, name), message: `unknown key "${name}"`, keyword: error.keyword, atKey: true };
    }
    case 'required':
      return { pointer: error.instancePath, message: `missing required key "${String(params.missingProperty)}"`, keyword: error.keyword, atKey: false };
    case 'enum':
      return { pointer: error.instancePath, message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`, keyword: error.keyword, atKey: false };
    case 'const':
      return { pointer: error.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}`, keyword: error.keyword, atKey: false };
    default:
      return { pointer: error.instancePath, message: error.message ?? 'does not match the schema', keyword: error.keyword, atKey: false };
  }
}
