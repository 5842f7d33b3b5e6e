import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { compareDiagnostics, formatDiagnostic, resolveDiagnostics, sortDiagnostics } from '../../src/diagnostics/format.js';
import { loadPolicy } from '../../src/load/loadPolicy.js';

const text = 'zones:\n  control:\n    networks: [10.20.1.0/24]\n\tname: "x"\n';
const loaded = loadPolicy('zones:\n  control:\n    networks: [10.20.1.0/24]\n', 'plant.yaml');
const d = (over: Partial<Diagnostic> = {}): Diagnostic => ({ code: 'OTPC402', severity: 'error', message: 'bad network', file: 'plant.yaml', ...over });
const ESC = '\u001b[';

describe('formatDiagnostic', () => {
  it('prints FILE:LINE:COL: severity CODE: message and the default hint from the codes table', () => {
    const out = formatDiagnostic(d({ pointer: '/zones/control/networks/0' }), loaded.sourceMap);
    expect(out).toBe('plant.yaml:3:16: error OTPC402: bad network\n  hint: Write the network address with its prefix, e.g. 10.20.1.0/24 (host bits zero).');
  });

  it('prefers the diagnostic range and its own hint', () => {
    const out = formatDiagnostic(d({ range: { start: { line: 9, col: 2 }, end: { line: 9, col: 4 } }, hint: 'Do this.' }), loaded.sourceMap);
    expect(out).toBe('plant.yaml:9:2: error OTPC402: bad network\n  hint: Do this.');
  });

  it('keeps one diagnostic on one line whatever the policy text in its message holds', () => {
    // an accept reason folded from CR line endings, a quoted "\n", a terminal escape, U+2028
    const out = formatDiagnostic(d({ message: 'reason: a\r\rb\nc\r\nd\u2028e \u001b[2Jf', hint: 'x\ny' }));
    expect(out).toBe('plant.yaml: error OTPC402: reason: a  b c d e ?[2Jf\n  hint: x y');
  });

  it('prints the file alone when there is no position', () => {
    expect(formatDiagnostic(d({ severity: 'warning', code: 'OTPC999' })).split('\n')[0]).toBe('plant.yaml: warning OTPC999: bad network');
  });

  it('adds a one-line code frame with a caret under the range', () => {
    const out = formatDiagnostic(d({ pointer: '/zones/control/networks/0' }), loaded.sourceMap, { codeFrame: true, text });
    expect(out.split('\n').slice(2)).toEqual(['  3 |     networks: [10.20.1.0/24]', '    |                ^^^^^^^^^^^^']);
  });

  it('keeps tabs in the caret line so the caret lines up', () => {
    const range = { start: { line: 4, col: 2 }, end: { line: 4, col: 6 } };
    const out = formatDiagnostic(d({ range }), undefined, { codeFrame: true, text });
    expect(out.split('\n').slice(2)).toEqual(['  4 | \tname: "x"', '    | \t^^^^']);
  });

  it('windows very long lines around the column', () => {
    const long = `id: ${'a'.repeat(10_000)}\n`;
    const range = { start: { line: 1, col: 5 }, end: { line: 1, col: 10_005 } };
    const lines = formatDiagnostic(d({ range }), undefined, { codeFrame: true, text: long }).split('\n');
    expect(lines[2].length).toBeLessThan(140);
    expect(lines[2].endsWith('…')).toBe(true);
  });

  it('ignores a leading BOM in the text (positions count from the first visible character)', () => {
    const out = formatDiagnostic(d({ range: { start: { line: 1, col: 1 }, end: { line: 1, col: 2 } } }), undefined, { codeFrame: true, text: '\uFEFFab\n' });
    expect(out.split('\n')[2]).toBe('  1 | ab');
  });

  it('has no colour codes unless asked', () => {
    expect(formatDiagnostic(d({ pointer: '' }), loaded.sourceMap, { codeFrame: true, text })).not.toContain(ESC);
    expect(formatDiagnostic(d({ pointer: '' }), loaded.sourceMap, { color: true })).toContain(ESC);
  });
});

describe('resolveDiagnostics', () => {
  it('fills missing ranges from pointers (closest existing ancestor) and keeps existing ones', () => {
    const keep = d({ range: { start: { line: 7, col: 7 }, end: { line: 7, col: 8 } }, pointer: '/zones' });
    const [a, b, c] = resolveDiagnostics([d({ pointer: '/zones/control/missing' }), keep, d()], loaded.sourceMap);
    expect(a.range?.start).toEqual({ line: 3, col: 5 });
    expect(b).toBe(keep);
    expect(c.range).toBeUndefined();
  });
});

describe('sortDiagnostics', () => {
  const r = (line: number, col: number) => ({ start: { line, col }, end: { line, col } });
  it('orders by file, line, column, code, message and drops exact duplicates', () => {
    const list = [
      d({ file: 'b.yaml', range: r(1, 1) }),
      d({ range: r(2, 1), code: 'OTPC301', message: 'b' }),
      d({ range: r(2, 1), code: 'OTPC301', message: 'a' }),
      d({ range: r(1, 9) }),
      d({ range: r(1, 9) }),
      d({ range: r(1, 3), code: 'OTPC405' }),
      d({ range: r(1, 3), code: 'OTPC401' }),
      d(),
    ];
    const out = sortDiagnostics(list).map((x) => `${x.file}:${x.range?.start.line ?? 0}:${x.range?.start.col ?? 0}:${x.code}:${x.message}`);
    expect(out).toEqual([
      'b.yaml:1:1:OTPC402:bad network',
      'plant.yaml:0:0:OTPC402:bad network',
      'plant.yaml:1:3:OTPC401:bad network',
      'plant.yaml:1:3:OTPC405:bad network',
      'plant.yaml:1:9:OTPC402:bad network',
      'plant.yaml:2:1:OTPC301:a',
      'plant.yaml:2:1:OTPC301:b',
    ]);
  });

  it('compares with plain code-unit order, not the locale', () => {
    expect(compareDiagnostics(d({ file: 'B.yaml' }), d({ file: 'a.yaml' }))).toBeLessThan(0);
  });
});
