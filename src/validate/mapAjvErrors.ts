import type { ErrorObject } from 'ajv';
import { joinPointer, splitPointer } from '../diagnostics/sourceMap.js';
import { collapseAlternatives } from './collapseAlternatives.js';
import { describePointer } from './describePointer.js';
import type { Issue } from './issue.js';
import { kindOf, quote } from './quote.js';
import { didYouMean } from './suggest.js';

const ID_RULE = 'lowercase letters, digits and "-", starting with a letter or digit, at most 48 characters';
/** $defs/id of schemas/policy.schema.json (also read by enforcementFacts.ts). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;
/** The form of $defs/date in schemas/policy.schema.json (waiver expires, rollout.baseline-start). */
const DATE_FORM = '\\d{4}-\\d{2}-\\d{2}';
/** Hints per kind of pattern: the codes table's OTPC205 hint speaks of ids only. */
export const PATTERN_HINTS = {
  date: 'Write the date as YYYY-MM-DD (e.g. 2027-12-31).',
  id: 'Ids are lowercase letters, digits and "-", starting with a letter or digit, at most 48 characters (e.g. plc-filter-1).',
  option: 'Option names are lowercase letters, digits and "-" (e.g. classic, max-rules); see the README section of the platform for its options.',
  other: 'See schemas/policy.schema.json for the form this value must have.',
} as const;
const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number', number: 'a number', string: 'text', object: 'a mapping', array: 'a list', boolean: 'true or false', null: 'null',
};
const ID_KINDS: Record<string, string> = { zones: 'zone id', assets: 'asset id', conduits: 'conduit id', enforcement: 'enforcement point id' };

interface Schemaish {
  description?: string;
  properties?: Record<string, unknown>;
}

function typeWords(types: string): string {
  const words = [...new Set(types.split(',').map((t) => TYPE_WORDS[t] ?? t))];
  return words.length <= 1 ? (words[0] ?? 'another type') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** How a map key is named in messages: 'zone id "x"', 'zone id "x" in interfaces of enforcement point "fw"'. */
function keyWords(pointer: string, name: string): string {
  const seg = splitPointer(pointer);
  if (seg.length === 1 && ID_KINDS[seg[0]]) return `${ID_KINDS[seg[0]]} ${quote(name)}`;
  if (seg[0] === 'enforcement' && seg[2] === 'interfaces') return `zone id ${quote(name)} in interfaces of enforcement point "${seg[1]}"`;
  return `key ${quote(name)} in ${describePointer(pointer)}`;
}

function descriptionOf(e: ErrorObject): string | undefined {
  return (e.parentSchema as Schemaish | undefined)?.description;
}

function lowerSuggestion(name: string): string {
  const lower = name.toLowerCase().replace(/[_ .]/g, '-');
  return lower !== name && ID_PATTERN.test(lower) ? `; did you mean "${lower}"?` : '';
}

function typeIssue(e: ErrorObject, at: string, where: string): Issue {
  if (at === '/otpc') return { code: 'OTPC208', pointer: at, message: `unsupported policy format version ${quote(e.data)}; this otpc reads "otpc: 1"` };
  const types = String(e.params.type);
  const issue: Issue = { code: 'OTPC201', pointer: at, message: `${where} must be ${typeWords(types)}, not ${kindOf(e.data)}` };
  const description = descriptionOf(e);
  if (types === 'string' && (typeof e.data === 'number' || typeof e.data === 'boolean')) {
    issue.hint = 'Quote the value so YAML reads it as text (a number like 20.10 would otherwise lose its trailing zero).';
  } else if (description) issue.hint = description;
  return issue;
}

function dateIssue(e: ErrorObject, at: string, where: string): Issue {
  return { code: 'OTPC205', pointer: at, message: `${where} is ${quote(e.data)}, not a date in the form YYYY-MM-DD`, hint: PATTERN_HINTS.date };
}

function patternIssue(e: ErrorObject, at: string, where: string): Issue {
  const pattern = String(e.params.pattern);
  if (pattern.includes(DATE_FORM)) return dateIssue(e, at, where);
  if (pattern === ID_PATTERN.source) {
    return { code: 'OTPC205', pointer: at, message: `${where} ${quote(e.data)} is not a valid id (${ID_RULE})${lowerSuggestion(String(e.data))}`, hint: PATTERN_HINTS.id };
  }
  // a pattern this mapping does not know (a later schema): the schema's own words, else a pointer to it
  const description = descriptionOf(e);
  return { code: 'OTPC205', pointer: at, message: `${where} ${quote(e.data)} does not have the required form`, hint: description ?? PATTERN_HINTS.other };
}

/** An invalid map key: zone, asset, conduit and enforcement point ids, interface zone ids, option names. */
function propertyNameIssue(at: string, name: string): Issue {
  const hint = splitPointer(at)[2] === 'options' ? PATTERN_HINTS.option : PATTERN_HINTS.id;
  return { code: 'OTPC205', pointer: joinPointer(at, name), at: 'key', message: `${keyWords(at, name)} is not valid (${ID_RULE})${lowerSuggestion(name)}`, hint };
}

function rangeIssue(e: ErrorObject, at: string, where: string): Issue {
  const rule = e.keyword === 'multipleOf' ? `a multiple of ${e.params.multipleOf}` : `${e.params.comparison} ${e.params.limit}`;
  const issue: Issue = { code: 'OTPC206', pointer: at, message: `${where} is ${quote(e.data)}; it must be ${rule}` };
  const description = descriptionOf(e);
  if (description) issue.hint = description;
  return issue;
}

function requiredIssue(e: ErrorObject, at: string, where: string): Issue {
  const key = String(e.params.missingProperty);
  const issue: Issue = { code: 'OTPC202', pointer: joinPointer(at, key), at: 'key', message: `${where} is missing the required key "${key}"` };
  const property = (e.parentSchema as Schemaish | undefined)?.properties?.[key] as Schemaish | undefined;
  if (property?.description) issue.hint = `Add "${key}": ${property.description}`;
  return issue;
}

function sizeIssue(e: ErrorObject, at: string, where: string): Issue {
  const limit = Number(e.params.limit);
  if (/^\/conduits\/[^/]+\/zones$/.test(at)) {
    return { code: 'OTPC207', pointer: at, message: `${where} must name exactly two zones`, hint: 'A conduit joins two different zones: zones: [zone-a, zone-b].' };
  }
  const messages: Record<string, string> = {
    minItems: `${where} must list at least ${limit} item${limit === 1 ? '' : 's'}`,
    maxItems: `${where} must list at most ${limit} items`,
    minLength: `${where} must not be empty`,
    maxLength: `${where} is ${String(e.data).length} characters long; at most ${limit} are allowed`,
  };
  return { code: 'OTPC207', pointer: at, message: messages[e.keyword] ?? `${where} ${e.message ?? 'is not valid'}` };
}

function toIssue(e: ErrorObject): Issue | undefined {
  const at = e.instancePath;
  const where = describePointer(at);
  switch (e.keyword) {
    case 'required':
      return requiredIssue(e, at, where);
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as Schemaish | undefined)?.properties ?? {});
      return { code: 'OTPC203', pointer: joinPointer(at, key), at: 'key', message: `unknown key ${quote(key)} in ${where}${didYouMean(key, allowed)}` };
    }
    case 'propertyNames':
      return propertyNameIssue(at, String(e.params.propertyName));
    case 'type':
      return typeIssue(e, at, where);
    case 'const':
      if (at === '/otpc') return typeIssue(e, at, where);
      return { code: 'OTPC204', pointer: at, message: `${where} must be ${quote(e.params.allowedValue)}` };
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      return { code: 'OTPC204', pointer: at, message: `${where} is ${quote(e.data)}; expected one of ${allowed.join(', ')}${didYouMean(String(e.data), allowed)}` };
    }
    case 'pattern':
      // the same failure is reported once more as a propertyNames error, with the key's position
      return e.propertyName !== undefined ? undefined : patternIssue(e, at, where);
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum': case 'multipleOf':
      return rangeIssue(e, at, where);
    default:
      return sizeIssue(e, at, where);
  }
}

/** ajv errors -> issues with codes OTPC201-208, plain-language messages and the most precise pointer. */
export function mapAjvErrors(errors: readonly ErrorObject[]): Issue[] {
  const out: Issue[] = [];
  for (const e of collapseAlternatives(errors)) {
    const issue = toIssue(e);
    if (issue) out.push(issue);
  }
  return out;
}
