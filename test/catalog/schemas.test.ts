import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CATALOG_KINDS } from '../../src/catalog/types.js';

const schemaOf = (kind: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../schemas/catalog/${kind}.schema.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** Every object schema node with `properties`, with its JSON path. */
function objectNodes(node: unknown, path = '#'): [string, Record<string, unknown>][] {
  if (typeof node !== 'object' || node === null) return [];
  const here: [string, Record<string, unknown>][] = 'properties' in node ? [[path, node as Record<string, unknown>]] : [];
  return [...here, ...Object.entries(node).flatMap(([k, v]) => objectNodes(v, `${path}/${k}`))];
}

describe('catalogue JSON Schemas', () => {
  it.each(CATALOG_KINDS)('%s: compiles under ajv 2020-12 strict mode', (kind) => {
    const schema = schemaOf(kind);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => new Ajv2020({ strict: true, allErrors: true }).compile(schema)).not.toThrow();
  });

  it.each(CATALOG_KINDS)('%s: closes every object (additionalProperties false) and describes every property', (kind) => {
    for (const [path, node] of objectNodes(schemaOf(kind))) {
      expect(node.additionalProperties, path).toBe(false);
      for (const [name, prop] of Object.entries(node.properties as Record<string, Record<string, unknown>>)) {
        const described = typeof prop.description === 'string' || typeof prop.$ref === 'string';
        expect(described, `${path}/properties/${name}`).toBe(true);
      }
    }
  });

  it.each(CATALOG_KINDS)('%s: the file kind is a constant', (kind) => {
    expect((schemaOf(kind).properties as Record<string, { const?: unknown }>).kind!.const).toBe(kind);
  });
});
