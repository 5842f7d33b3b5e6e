import fc from 'fast-check';
import { stringify } from 'yaml';

/**
 * Random YAML for the loader's differential test (fastPath.test.ts): documents written
 * by the yaml package with random options, documents written line by line from a small
 * grammar with deliberate mistakes, and small mutations of real files.
 */

const sp = (n: number) => ' '.repeat(n);

/** Plain scalars of every core-schema type, and texts that look like other syntax. */
const PLAIN = [
  'a', 'zone-1', 'x y', 'Pump station 3', '10.20.1.0/24', 'fd00:a:1::/64', 'tcp/502', 'é', 'Kläranlage', '日本語', '😀',
  'null', 'Null', 'NULL', 'nULL', '~', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'No', 'on', 'off', 'y',
  '0', '-0', '+0', '007', '12', '-12', '+3', '0o17', '0o8', '0o', '0x1F', '0xff', '0x', '0xg', '0b101',
  '1.5', '-1.5', '.5', '+.5', '1.', '1.50', '1e3', '-1E-2', '1.5e+10', '.5e1', 'e3', '1e', '1_000', '1,5',
  '.inf', '-.inf', '+.Inf', '.INF', '.NaN', '.nan', '.NAN', 'nan', 'inf', '1.2.3', '2027-03-31', '2027-03-31T10:00:00Z', '12:30',
  'a#b', 'a #b', 'http://x.example:80/p', 'a,b', 'a[0]', 'a{b}', 'a: b', 'a:', 'a:b', '-x', '?x', ':x', '- x', '? x', ': x',
  '-', '?', ':', '--- x', '---', '...', '#c', '@x', '`x', '%x', '!t x', '!!str x', '&a x', '*a', '|', '>-', '{x', '[x', ']', '}', ',x',
  '__proto__', 'constructor', 'prototype', '<<', 'a~b', 'a/b', '~/', '"', "'", 'a"b', "a'b", 'a  b', 'x\\n',
];

const DQ = ['""', '"a"', '"a b"', '"x\\ty"', '"\\u00e9\\x41\\U0001F600"', '"q\\"q"', '"back\\\\slash"', '"\\/"', '"bad \\q"', '"\\N\\_\\L\\P"',
  '"# not a comment"', '"a: b"', '"12"', '"true"', '"null"', '"\\x4"', '"\\uD800"', '" lead"', '"trail "', '"a\\\n  b"', '"unclosed'];
const SQ = ["''", "'a'", "'it''s'", "''''", "'a \\n b'", "'12'", "'# x'", "'a: b'", "' lead'", "'unclosed", "'x''"];

/** Values in the scanner's subset (one-line, no other syntax). */
const CLEAN_PLAIN = PLAIN.filter((p) => !/^[-?:,\[\]{}#&*!|>'"%@`]|: |:$| #|^(---|\.\.\.)$|^\s|\s$/.test(p) || /^-[0-9x]/.test(p));
const CLEAN_QUOTED = [...DQ, ...SQ].filter((q) => !q.includes('unclosed') && !q.includes('\n') && !/\\[qx]4?"$|\\uD8/.test(q));
const cleanScalar = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...CLEAN_PLAIN) }, { weight: 1, arbitrary: fc.constantFrom(...CLEAN_QUOTED) });

const scalarText = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PLAIN) }, { weight: 2, arbitrary: fc.constantFrom(...DQ) }, { weight: 1, arbitrary: fc.constantFrom(...SQ) });
const KEYS = ['a', 'b', 'c', 'zone', 'id', 'name', 'purdue', 'x y', '1', '1.50', 'true', 'null', '~', '-k', '__proto__', 'a/b', 'm~n', 'é', '0x1F', '"q k"', "'s k'", '""'];
const cleanKey = fc.constantFrom(...KEYS);
const keyText = fc.oneof({ weight: 8, arbitrary: cleanKey }, { weight: 2, arbitrary: fc.constantFrom(...PLAIN) }, { weight: 1, arbitrary: fc.constantFrom(...DQ, ...SQ) });

function flowOf(scalar: fc.Arbitrary<string>, key: fc.Arbitrary<string>, broken: boolean): fc.Arbitrary<string> {
  const odd = broken
    ? ['[a, ]', '[, a]', '[a b]', '[a: 1]', '{a}', '{a: 1, a: 2}', '[a]x', '[a', '{a: }', '{a:1}', '["a":1]']
    : ['[]', '{}', '[ ]', '{ }', '[a, [b, [c]]]', '{ a: [1, {b: c}] }'];
  return fc.letrec<{ flow: string; item: string }>((tie) => ({
    item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('flow')),
    flow: fc.oneof(
      fc.array(tie('item'), { maxLength: 4 }).chain((items) => fc.constantFrom(', ', ',', ' , ', ',  ').map((sep) => `[${items.join(sep)}]`)),
      fc.array(fc.tuple(key, tie('item')), { maxLength: 4 }).chain((pairs) =>
        fc.constantFrom(': ', ':  ', ...(broken ? [':', ' : '] : [])).map((colon) => `{ ${pairs.map(([k, v]) => `${k}${colon}${v}`).join(', ')} }`)),
      fc.constantFrom(...odd),
    ),
  })).flow;
}

/** What one kind of generated document is made of. */
interface Pools {
  key: fc.Arbitrary<string>;
  inline: fc.Arbitrary<string>;
  trailing: fc.Arbitrary<string>;
  /** Allow empty values, empty and nested sequence items: outside the scanner's subset. */
  odd: boolean;
}

const CLEAN: Pools = {
  key: cleanKey,
  inline: fc.oneof({ weight: 5, arbitrary: cleanScalar }, { weight: 2, arbitrary: flowOf(cleanScalar, cleanKey, false) }),
  trailing: fc.constantFrom('', '', '', ' # c', '  #comment', '   ', ' '),
  odd: false,
};

const MESSY: Pools = {
  key: keyText,
  inline: fc.oneof({ weight: 5, arbitrary: scalarText }, { weight: 2, arbitrary: flowOf(scalarText, keyText, true) }, { weight: 1, arbitrary: fc.constantFrom('&a x', '*a', '!!str 5', '|', '>-', '', '- x') }),
  trailing: fc.constantFrom('', '', '', ' # c', '  #comment', '#c', '   ', ' '),
  odd: true,
};

const commentLine = fc.tuple(fc.integer({ min: 0, max: 10 }), fc.constantFrom('#', '# c', '#  comment: x', '#---')).map(([c, t]) => `${sp(c)}${t}`);
const blankLine = fc.constantFrom('', ' ', '    ');
const noise = fc.constantFrom('---', '...', '--- # doc', '%YAML 1.2', '? complex', ': value', '&a k: v', 'k: &a', 'k: *a', '\tk: v', 'k:\tv', 'k: v\r', '  - x', '- x', 'k', 'k v', ' : x');

/** Comment and blank lines that may appear before a line at indentation `ind`. */
const between = (ind: number) =>
  fc.array(fc.oneof({ weight: 3, arbitrary: commentLine }, { weight: 2, arbitrary: blankLine }, { weight: 2, arbitrary: fc.constant(`${sp(ind)}# here`) }), { maxLength: 3 });

interface Block { map: (ind: number) => fc.Arbitrary<string[]>; seq: (ind: number) => fc.Arbitrary<string[]> }

/**
 * A block scalar after `prefix` (`key: ` or `- `) at column `ind`: header, then body lines
 * indented from `ind + 1` on, with blank, more-indented, space-only and "#" lines.
 */
function blockScalarLines(prefix: string, ind: number, odd: boolean): fc.Arbitrary<string[]> {
  const headers = odd ? ['|', '>-', '|+', '>+', '|2', '>1-', '| x', '|#c', '>- # c'] : ['|', '|-', '>', '>-', '| # note', '>-  #n'];
  return fc.tuple(fc.constantFrom(...headers), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.array(fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('text', 'two words', 'a: b', '# not a comment', '- item', "'q'", 'x  ') .map((t) => [0, t] as const) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom('deeper', '  spaced', '- x')) },
    { weight: 2, arbitrary: fc.constantFrom([0, ''] as const, [-99, ''] as const) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: -3, max: 4 }), fc.constant('')).map(([k]) => [k - 100, ''] as const) },
    { weight: odd ? 1 : 0, arbitrary: fc.tuple(fc.integer({ min: -2, max: -1 }), fc.constant('shallow')) },
  ), { minLength: 1, maxLength: 5 })).map(([header, d, blankFirst, body]) => {
    const bi = ind + d;
    const lines = body.map(([k, t]) => {
      if (k <= -99) return k === -99 ? '' : sp(Math.max(0, bi + k + 100)); // blank, or spaces only
      return `${sp(Math.max(0, bi + k))}${t}`;
    });
    return [`${sp(ind)}${prefix}${header}`, ...(blankFirst ? [''] : []), `${sp(bi)}first`, ...lines];
  });
}

function blocks(pools: Pools, depth: number): Block {
  const child = depth > 0 ? blocks(pools, depth - 1) : undefined;
  const { key, inline, trailing } = pools;
  const nestedUnder = (ind: number): fc.Arbitrary<string[]> => {
    if (!child) return fc.constant([`${sp(ind + 2)}leaf: 1`]);
    return fc.oneof(
      fc.integer({ min: 1, max: 4 }).chain((d) => child.map(ind + d)),
      fc.integer({ min: 0, max: 3 }).chain((d) => child.seq(ind + d)),
    );
  };
  const entryLine = fc.tuple(key, inline, trailing).map(([k, v, t]) => `${k}: ${v}${t}`);
  const mapEntry = (ind: number): fc.Arbitrary<string[]> => fc.oneof(
    { weight: 4, arbitrary: fc.tuple(key, fc.constantFrom(': ', ':  '), inline, trailing).map(([k, c, v, t]) => [`${sp(ind)}${k}${c}${v}${t}`]) },
    { weight: 2, arbitrary: fc.tuple(key, trailing, between(ind + 2), nestedUnder(ind)).map(([k, t, b, lines]) => [`${sp(ind)}${k}:${t}`, ...b, ...lines]) },
    { weight: pools.odd ? 1 : 0, arbitrary: fc.tuple(key, fc.constantFrom('', ' ', ' # empty')).map(([k, t]) => [`${sp(ind)}${k}:${t}`]) },
    { weight: 1, arbitrary: key.chain((k) => blockScalarLines(`${k}: `, ind, pools.odd)) },
  );
  const seqItem = (ind: number): fc.Arbitrary<string[]> => fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('- ', '-  '), inline, trailing).map(([d, v, t]) => [`${sp(ind)}${d}${v}${t}`]) },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(1, 1, 2), key, inline, trailing, fc.array(fc.tuple(between(ind + 2), entryLine), { maxLength: 2 })).map(([gap, k, v, t, more]) => [
        `${sp(ind)}-${sp(gap)}${k}: ${v}${t}`, ...more.flatMap(([b, m]) => [...b, `${sp(ind + 1 + gap)}${m}`]),
      ]),
    },
    { weight: 1, arbitrary: child ? fc.tuple(key, fc.integer({ min: 2, max: 5 }), child.map(0)).map(([k, d, lines]) => [`${sp(ind)}- ${k}:`, ...lines.map((l) => `${sp(ind + d)}${l}`)]) : fc.constant([`${sp(ind)}- x`]) },
    { weight: pools.odd ? 1 : 0, arbitrary: fc.constantFrom([`${sp(ind)}-`], [`${sp(ind)}- - x`], [`${sp(ind)}-`, `${sp(ind + 2)}k: v`]) },
    { weight: 1, arbitrary: blockScalarLines('- ', ind, pools.odd) },
    { weight: 1, arbitrary: key.chain((k) => blockScalarLines(`- ${k}: `, ind, pools.odd)) },
  );
  const withGaps = (ind: number, entry: fc.Arbitrary<string[]>) =>
    fc.array(fc.tuple(between(ind), entry), { minLength: 1, maxLength: 4 }).map((parts) => parts.flatMap(([b, e]) => [...b, ...e]));
  return { map: (ind) => withGaps(ind, mapEntry(ind)), seq: (ind) => withGaps(ind, seqItem(ind)) };
}

/** Shifts some lines' indentation by one or two columns, inserts noise: mistakes the reference must report. */
function perturb(lines: string[]): fc.Arbitrary<string[]> {
  return fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constant('shift+'), fc.constant('shift-'), fc.constant('shift++'), noise)), { minLength: 1, maxLength: 2 }).map((edits) => {
    const out = [...lines];
    for (const [at, edit] of edits) {
      if (out.length === 0) break;
      const i = at % out.length;
      if (edit === 'shift+') out[i] = ` ${out[i]}`;
      else if (edit === 'shift++') out[i] = `  ${out[i]}`;
      else if (edit === 'shift-') out[i] = out[i].replace(/^ /, '');
      else out.splice(i, 0, edit);
    }
    return out;
  });
}

/** How the lines become a file: line ends, a final line end, a BOM, document markers. */
interface Framing { crlf: boolean; cr: boolean; finalNewline: boolean; bom: boolean; head: string; tail: string }
const PLAIN_FRAME: Framing = { crlf: false, cr: false, finalNewline: true, bom: false, head: '', tail: '' };
const framing: fc.Arbitrary<Framing> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ finalNewline: fc.boolean(), head: fc.constantFrom('', '# header\n', '\n\n', '  # indented header\n'), tail: fc.constantFrom('', '\n# end\n', '\n  # end', '\n\n', '  # e\n', '    # e\n\n', '      # e', '\n   \n  # e\n# f\n') }).map((f) => ({ ...PLAIN_FRAME, ...f })) },
  {
    weight: 1,
    arbitrary: fc.record({
      crlf: fc.constantFrom(false, true),
      cr: fc.constantFrom(false, false, true),
      finalNewline: fc.constantFrom(true, true, false),
      bom: fc.constantFrom(false, true),
      head: fc.constantFrom('', '---\n', '--- # x\n', '%YAML 1.2\n---\n', '---\n---\n'),
      tail: fc.constantFrom('', '---\n', '...\n', '---\nb: 2\n', '...\n# after\n'),
    }),
  },
);

function frame(lines: string[], f: Framing): string {
  let text = f.head + lines.join('\n') + (f.finalNewline ? '\n' : '') + f.tail;
  if (f.crlf) text = text.replace(/\n/g, '\r\n');
  else if (f.cr) text = text.replace(/\n/g, '\r');
  return (f.bom ? '\uFEFF' : '') + text;
}

/** Documents written line by line: in the scanner's subset (with comments and blank lines anywhere), outside it, and broken. */
export const rawYaml: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(blocks(CLEAN, 3).map(0), framing).map(([lines, f]) => frame(lines, f)) },
  { weight: 1, arbitrary: fc.tuple(blocks(MESSY, 3).map(0), framing).map(([lines, f]) => frame(lines, f)) },
  { weight: 1, arbitrary: fc.tuple(blocks(CLEAN, 3).map(0), framing).chain(([lines, f]) => perturb(lines).map((ls) => frame(ls, f))) },
);

/** Keys a policy might hold, and keys meant to trip the loader. */
const jsKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('otpc', 'site', 'zones', 'id', 'name', 'a', 'b', 'networks', 'x y', 'é') },
  { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', '', ' ', '~', '/', 'a/b~c', '1', '-1', '1.5', 'true', 'null', '<<', '? x', '- y', ': z', '#', '& a', '* b', '!t', '"q"', "'s'", '[a]', '{b}', 'a: b', 'a #b', 'k\nl', 'tab\there', '\u2028') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);

/** Strings with every kind of content a writer must quote, fold or escape. */
const jsString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 1, arbitrary: fc.constantFrom('line one\nline two', 'a\n\nb', 'trailing\n', '\n', '  indented\n  text', 'tab\tin', 'quote " and \' both', 'x'.repeat(120), 'word '.repeat(30), 'a\u0085b', 'é\u2028ü', 'back\\slash') },
);

const jsNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 0.5, 1e21, 1e-7, 123456789012345680000, Number.NaN, Infinity, -Infinity, 2 ** 53 + 1));

const jsValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsString, jsNumber, fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(jsKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** yaml's stringify options that change the text but not the value. */
const writeOptions = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  collectionStyle: fc.constantFrom('any', 'block', 'flow', 'block', 'block'),
  defaultStringType: fc.constantFrom('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_FOLDED', 'BLOCK_LITERAL'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  lineWidth: fc.constantFrom(0, 20, 40, 80),
  minContentWidth: fc.constantFrom(0, 10, 20),
  flowCollectionPadding: fc.boolean(),
  singleQuote: fc.constantFrom(null, true, false),
  nullStr: fc.constantFrom('null', '~', ''),
  trueStr: fc.constantFrom('true', 'True', 'TRUE'),
  falseStr: fc.constantFrom('false', 'False'),
  doubleQuotedAsJSON: fc.boolean(),
  doubleQuotedMinMultiLineLength: fc.constantFrom(10, 40),
  blockQuote: fc.constantFrom(true, false, 'folded', 'literal'),
  simpleKeys: fc.boolean(),
});

/**
 * A random value written by yaml's stringify with random options (anchors and aliases when
 * a value is shared), framed like a file; root mappings most of the time.
 */
export const writtenYaml: fc.Arbitrary<string> = fc
  .tuple(fc.dictionary(jsKey, jsValue, { minKeys: 1, maxKeys: 6 }), jsValue, fc.constantFrom('map', 'map', 'map', 'map', 'shared', 'other'), writeOptions, framing)
  .map(([map, other, shape, options, f]) => {
    let value: unknown = map;
    if (shape === 'other') value = other;
    if (shape === 'shared' && typeof other === 'object' && other !== null) value = { ...map, first: other, second: other };
    let text: string;
    try {
      text = stringify(value, options as Parameters<typeof stringify>[1]);
    } catch {
      text = stringify(value);
    }
    return frame(text.replace(/\n$/, '').split('\n'), { ...f, head: f.head.startsWith('%') ? '' : f.head });
  });

/** Line-level edits of a real file: the mistakes a person makes while editing it. */
export function mutatedYaml(text: string): fc.Arbitrary<string> {
  const lines = text.split('\n');
  const edit = fc.tuple(fc.nat(lines.length), fc.oneof(
    fc.constant<'indent+'>('indent+'), fc.constant<'indent-'>('indent-'), fc.constant<'delete'>('delete'), fc.constant<'duplicate'>('duplicate'),
    fc.constant<'tab'>('tab'), fc.constant<'dedent-all'>('dedent-all'),
    fc.tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom('# comment', '#', '', '   ', 'x: 1', '- y', 'k: [1, 2', 'k: "a', 'k: &a v', 'k: *a', '? k', 'k: |', '  text', '---')).map(([c, t]) => `${sp(c)}${t}`),
  ));
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const out = [...lines];
    for (const [at, e] of edits) {
      const i = Math.min(at, out.length - 1);
      if (e === 'indent+') out[i] = ` ${out[i]}`;
      else if (e === 'indent-') out[i] = out[i].replace(/^ /, '');
      else if (e === 'dedent-all') out[i] = out[i].trimStart();
      else if (e === 'delete') out.splice(i, 1);
      else if (e === 'duplicate') out.splice(i, 0, out[i]);
      else if (e === 'tab') out[i] = out[i].replace(/^ /, '\t');
      else out.splice(i, 0, e);
    }
    return out.join('\n');
  });
}
