import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { formatHtml } from '../../src/reports/html/formatHtml.js';
import { formatters } from '../../src/reports/registry.js';
import { analyzeExample, analyzeFixture, analyzeText, DATE, EXAMPLES, exampleText, fixtureText, reverseKeys } from './helpers.js';

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const between = (s: string, open: string, close: string) => s.slice(s.indexOf(open) + open.length, s.indexOf(close, s.indexOf(open)));

describe('formatHtml', () => {
  it('matches the golden file for the small fixture plant', async () => {
    const { assessment, ctx } = analyzeFixture('small-plant');
    await expect(await formatHtml(assessment, ctx)).toMatchFileSnapshot('golden/small-plant.html');
  });

  it.each(EXAMPLES)('%s: byte-identical across runs and whatever the order of the YAML keys', async (name) => {
    const a = analyzeExample(name);
    const first = await formatHtml(a.assessment, a.ctx);
    expect(await formatHtml(a.assessment, a.ctx)).toBe(first);
    const reordered = analyzeText(reverseKeys(exampleText(name)), `examples/${name}.yaml`);
    expect(await formatHtml(reordered.assessment, reordered.ctx)).toBe(first);
  });

  it('renders a site without devices or conduits', async () => {
    const { assessment, ctx } = analyzeText('otpc: 1\nsite: { id: empty, name: Empty }\nzones:\n  z: { purdue: 2, sl-target: 0, criticality: low, networks: [192.0.2.0/24] }\n');
    const html = await formatHtml(assessment, ctx);
    expect(html).toContain('0 device(s) in 1 zone(s)');
    expect(html).toContain('None: every zone meets its SL-T.');
    expect(html).toMatch(/<tbody>\n<\/tbody>\n<\/table>\n<\/section>\n<section id="details"/);
  });

  it('is the html entry of the report registry (async formatter)', async () => {
    const { assessment, ctx } = analyzeFixture('small-plant');
    const viaRegistry = formatters.html(assessment, ctx);
    expect(viaRegistry).toBeInstanceOf(Promise);
    expect(await viaRegistry).toBe(await formatHtml(assessment, ctx));
  });
});

describe('element ids', () => {
  it.each([...EXAMPLES.map((n) => [n, () => analyzeExample(n)] as const), ['id-clash', () => analyzeFixture('id-clash')] as const])(
    '%s: every id is unique and every reference resolves', async (_, analyze) => {
      const { assessment, ctx } = analyze();
      const html = await formatHtml(assessment, ctx);
      const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      const refs = [
        ...[...html.matchAll(/\saria-labelledby="([^"]+)"/g)].flatMap((m) => m[1].split(' ')),
        ...[...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]),
        ...[...html.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]),
        ...[...html.matchAll(/\sfor="([^"]+)"/g)].map((m) => m[1]),
      ];
      expect(refs.filter((r) => !ids.includes(r))).toEqual([]);
    });
});

describe('self-contained and locked down', async () => {
  const { assessment, ctx } = analyzeFixture('small-plant');
  const html = await formatHtml(assessment, ctx);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';

  it('sets a CSP that forbids every fetch and allows only our own inline style and script, by hash', () => {
    const style = between(html, '<style>', '</style>');
    const script = between(html, '<script>', '</script>');
    expect(csp).toBe(`default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(script)}; img-src data:; base-uri 'none'; form-action 'none'`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('references nothing outside the file', () => {
    expect(html).not.toMatch(/\ssrc=/i);
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.filter((h) => !h.startsWith('#') && h !== 'data:,')).toEqual([]);
    expect(html).not.toMatch(/@import|url\((?!#)/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('escapes every piece of policy text (site, zone and device names, descriptions, waiver reasons)', () => {
    for (const raw of ["<script>alert('site')</script>", '<img src=x', '<b>network</b>', '<script>alert(2)', '<Windows 7>', 'Ops <manager>', 'Panel <7>']) {
      expect(html, raw).not.toContain(raw);
    }
    expect(html).toContain('&lt;script&gt;alert(&#x27;site&#x27;)&lt;/script&gt;');
    expect(html).toContain('No anti-malware for &lt;Windows 7&gt;; &quot;compensated&quot; in part &amp; replaced in 2027 | see [RFC-1]');
    expect(html).toContain('<title>IEC 62443-3-3 gap report: Small &lt;Plant&gt; &amp; &quot;Pumps&quot; | [North] #1 (small-plant)</title>');
  });

  it('contains no timestamp or absolute path', () => {
    expect(html).not.toMatch(/\d{2}:\d{2}:\d{2}|\/work\/|\/home\/|\/tmp\//);
    expect(html).toContain(DATE);
  });
});

describe('otpc report --format html', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otpc-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same self-contained file with -o', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = join(dir, 'report.html');
    const policy = join(dir, 'small-plant.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(policy, fixtureText('small-plant'));
    try {
      const code = await main(['report', policy, '--format', 'html', '-o', out, '--date', DATE, '--fail-on', 'never']);
      expect(code).toBe(0);
    } finally {
      stderr.mockRestore();
    }
    const { assessment, ctx } = analyzeFixture('small-plant');
    expect(readFileSync(out, 'utf8')).toBe(await formatHtml(assessment, ctx));
  });
});
