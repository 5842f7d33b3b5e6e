/**
 * Pretty-printed JSON written piece by piece, byte-identical to `JSON.stringify(doc, null, 2)`
 * of the whole document: a report of 10,000 devices is ~400 MB as one string (and a
 * SARIF log can exceed V8's largest string), so its long arrays are produced element by
 * element instead. A document is plain JSON values mixed with the three markers below.
 */

const PAD = '  ';

function pad(depth: number): string {
  return PAD.repeat(depth);
}

/**
 * `JSON.stringify(value, null, 2)` as it reads `depth` levels deep in a pretty-printed
 * document: every line after the first indented by the depth (a JSON string never holds a
 * raw newline, so every newline of the text is a line break of the layout). Undefined for
 * what JSON.stringify leaves out (undefined, a function).
 */
export function nestedJson(value: unknown, depth: number): string | undefined {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  if (text === undefined || depth === 0) return text;
  return text.includes('\n') ? text.replace(/\n/g, `\n${pad(depth)}`) : text;
}

/** An array produced element by element (elements: plain values or markers). */
export class StreamedArray {
  constructor(readonly elements: Iterable<unknown>) {}
}

/** An object produced member by member, in the given order (values: plain values or markers). */
export class StreamedObject {
  constructor(readonly members: Iterable<readonly [string, unknown]>) {}
}

/** A value already laid out with nestedJson at the depth where it is placed. */
export class Preformatted {
  constructor(readonly text: string) {}
}

function isMarker(v: unknown): v is StreamedArray | StreamedObject | Preformatted {
  return v instanceof StreamedArray || v instanceof StreamedObject || v instanceof Preformatted;
}

/** A value at `depth`: markers piece by piece, plain values with nestedJson. */
export function* valueChunks(value: unknown, depth: number): Generator<string> {
  if (value instanceof Preformatted) yield value.text;
  else if (value instanceof StreamedArray) yield* arrayChunks(value.elements, depth);
  else if (value instanceof StreamedObject) yield* objectChunks(value.members, depth);
  else yield nestedJson(value, depth) ?? 'null';
}

/** `[` elements `]` at `depth`, as JSON.stringify lays out an array (`[]` when empty; undefined as null). */
function* arrayChunks(elements: Iterable<unknown>, depth: number): Generator<string> {
  let first = true;
  for (const element of elements) {
    yield `${first ? '[' : ','}\n${pad(depth + 1)}`;
    yield* valueChunks(element, depth + 1);
    first = false;
  }
  yield first ? '[]' : `\n${pad(depth)}]`;
}

/**
 * A pretty-printed object at `depth`, member by member in the given order (members
 * JSON.stringify would leave out, undefined values, are left out). Yields pieces whose
 * concatenation is the object's text.
 */
export function* objectChunks(members: Iterable<readonly [string, unknown]>, depth: number): Generator<string> {
  let first = true;
  for (const [key, value] of members) {
    const head = `${first ? '{' : ','}\n${pad(depth + 1)}${JSON.stringify(key)}: `;
    if (isMarker(value)) {
      first = false;
      yield head;
      yield* valueChunks(value, depth + 1);
      continue;
    }
    const text = nestedJson(value, depth + 1);
    if (text === undefined) continue;
    first = false;
    yield head + text;
  }
  yield first ? '{}' : `\n${pad(depth)}}`;
}

/** A value's chunks as one string (one element of a long array: a device of the report). */
export function chunksText(value: unknown, depth: number): string {
  let out = '';
  for (const piece of valueChunks(value, depth)) out += piece;
  return out;
}
