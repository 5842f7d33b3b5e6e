/**
 * The value of a plain (unquoted) scalar under the YAML 1.2 core schema (YAML 1.2.2
 * section 10.3.2, "Tag Resolution"), exactly as the yaml package resolves it
 * (yaml/dist/schema/core/*.js and common/null.js, tested in the same order): null,
 * booleans, then octal, decimal and hexadecimal integers, then .inf/.nan, exponent and
 * plain floats; anything else, dates and "yes"/"on" included, is a string.
 * `text` is the scalar after line folding (CST.resolveAsScalar).
 */
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The words the core schema reads as null or a boolean (null.js, bool.js). */
const WORDS: ReadonlyMap<string, null | boolean> = new Map<string, null | boolean>([
  ['~', null], ['null', null], ['Null', null], ['NULL', null],
  ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
]);

function isNumberStart(c: number): boolean {
  // 0-9, '+', '-', '.'
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}

function numberValue(text: string): number | string {
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text)) {
    if (text.slice(-3).toLowerCase() === 'nan') return NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

export function coreScalar(text: string): string | number | boolean | null {
  if (text.length === 0) return null;
  const c = text.charCodeAt(0);
  if (isNumberStart(c)) return numberValue(text);
  if (text.length <= 5) {
    const word = WORDS.get(text);
    if (word !== undefined) return word;
  }
  return text;
}
