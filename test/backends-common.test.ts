import { describe, expect, it } from 'vitest';
import { sanitizeComment } from '../src/backends/common/sanitizeComment.js';
import { checkVendorName } from '../src/backends/common/checkVendorName.js';

describe('sanitizeComment', () => {
  it.each([
    ['plain text', 100, 'plain text'],
    ['line1\nset subnet 0.0.0.0 0.0.0.0', 100, 'line1 set subnet 0.0.0.0 0.0.0.0'],
    ['say "hi" it\'s \\ ok?', 100, 'say hi its ok'],
    ['Kläranlage Süd – Ost', 100, 'Klaranlage Sud Ost'],
    ['a\r\nb\u2028c\u0000d', 100, 'a b cd'],
    ['word '.repeat(40), 20, 'word word word word'],
  ])('%j -> %j', (input, max, want) => {
    const got = sanitizeComment(input, max);
    expect(got).toBe(want);
    expect(Buffer.byteLength(got)).toBeLessThanOrEqual(max);
    expect(got).toMatch(/^[\x20-\x7e]*$/);
  });
});

describe('checkVendorName', () => {
  const rule = { vendor: 'nftables', what: 'set', pattern: /^[A-Za-z][A-Za-z0-9_-]*$/, allowed: '[A-Za-z][A-Za-z0-9_-]*', max: 10, reserved: ['accept', 'drop'] };
  it.each([
    ['good_name', []], ['toolongname1', ['OTPC702']], ['1abc', ['OTPC701']], ['accept', ['OTPC701']], ['a b', ['OTPC701']],
  ])('%s', (name, codes) => {
    expect(checkVendorName(name, rule, 'p.yaml', '/assets/x').map((d) => d.code)).toEqual(codes);
  });
});
