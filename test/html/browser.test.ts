import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSES } from '../../src/assess/types.js';
import type { DeviceResult, Status } from '../../src/assess/types.js';
import { formatHtml } from '../../src/reports/html/formatHtml.js';
import { analyzeExample, analyzeFixture, EXAMPLES } from './helpers.js';
import type { Analyzed } from './helpers.js';

/*
 * The HTML report in a real browser: Debian's chromium driven by playwright-core.
 * Each bundled example (and the hostile small fixture) is opened from a file:// URL with
 * every request intercepted; the diagram, the filters, sorting and the print layout are
 * checked against the assessment, and a screenshot of each is left in test/.artifacts/html/
 * for review (not golden). One browser, one context per report.
 */
const SKIP = process.env.OTPC_SKIP_BROWSER_TESTS === '1';
const CHROMIUM = process.env.OTPC_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../.artifacts/html/', import.meta.url);
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
  '--disable-component-update', '--disable-sync',
  // Belt and braces: should anything escape the request interception, it goes to a dead loopback proxy.
  '--proxy-server=http://127.0.0.1:9',
];
/** A4 less 12 mm margins at 96 px/in: the printable box the print stylesheet must fit. */
const PRINT_WIDTH = 703;
const PRINT_HEIGHT = 926;

const REPORTS: [string, () => Analyzed][] = [
  ...EXAMPLES.map((name): [string, () => Analyzed] => [name, () => analyzeExample(name)]),
  ['small-plant', () => analyzeFixture('small-plant')],
];

interface Opened {
  page: Page;
  context: BrowserContext;
  /** Requests that reached the network stack (intercepted and aborted here). */
  requests: Set<string>;
  /** Every request the page started, including those CSP blocked before they left. */
  attempts: Set<string>;
  problems: string[];
}

async function open(browser: Browser, name: string, html: string): Promise<Opened> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = new URL(`${name}.html`, ARTIFACTS);
  writeFileSync(file, html);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = new Set<string>();
  const attempts = new Set<string>();
  const problems: string[] = [];
  await context.route('**/*', async (route) => {
    if (route.request().url() === file.href) return route.continue();
    requests.add(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => { if (r.url() !== file.href) attempts.add(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(file.href, { waitUntil: 'load' });
  return { page, context, requests, attempts, problems };
}

const worst = (d: DeviceResult): Status => STATUSES[Math.max(0, ...d.requirements.map((r) => STATUSES.indexOf(r.status)))];
const visibleRows = (page: Page) => page.$$eval('#devices-table tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute('data-device')!));
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedIds = (devices: DeviceResult[]) => devices.map((d) => d.id).sort(byCode);

describe.skipIf(SKIP)(`HTML report in headless Chromium${SKIP ? ' (skipped: OTPC_SKIP_BROWSER_TESTS=1)' : ''}`, () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: the HTML report test needs Debian's chromium package (apt-get install chromium; .ci/run installs it). `
        + 'Set OTPC_CHROMIUM to another Chromium binary, or OTPC_SKIP_BROWSER_TESTS=1 to skip the browser tests.');
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });
  afterAll(async () => { await browser?.close(); });

  it('the harness sees a request that leaves the page, and a CSP violation (negative control)', async () => {
    const leaky = await open(browser, 'control-leaky', '<!DOCTYPE html><title>x</title><img src="http://192.0.2.1/otpc-probe.png" alt="">');
    await leaky.page.waitForLoadState('load');
    expect([...leaky.requests]).toEqual(['http://192.0.2.1/otpc-probe.png']);
    expect([...leaky.attempts]).toEqual(['http://192.0.2.1/otpc-probe.png']);
    await leaky.context.close();
    const csp = await open(browser, 'control-csp', `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>x</title><img src="http://192.0.2.1/otpc-probe.png" alt="">`);
    expect([...csp.requests]).toEqual([]);
    expect(csp.problems.join('\n')).toMatch(/CSP violation: img-src/);
    await csp.context.close();
  });

  describe.each(REPORTS)('%s', (name, analyze) => {
    let analyzed: Analyzed;
    let opened: Opened;
    let page: Page;

    beforeAll(async () => {
      analyzed = analyze();
      opened = await open(browser, name, await formatHtml(analyzed.assessment, analyzed.ctx));
      page = opened.page;
    });
    afterAll(async () => { await opened?.context.close(); });

    it('loads offline: no request leaves the page, no CSP violation, error or dialog', async () => {
      await page.locator('#diagram').screenshot({ path: new URL(`${name}-diagram.png`, ARTIFACTS).pathname });
      await page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname, fullPage: true });
      expect([...opened.requests]).toEqual([]);
      expect([...opened.attempts]).toEqual([]);
      expect(opened.problems).toEqual([]);
      expect(await page.locator('#devices-filters').isVisible()).toBe(true);
    });

    it('draws one node per zone and one edge per conduit, unenforced ones dashed', async () => {
      const { model, placement } = analyzed.ctx;
      const zones = await page.$$eval('svg.zone-diagram g.zone[data-zone]', (gs) => gs.map((g) => g.getAttribute('data-zone')!));
      expect(zones.sort(byCode)).toEqual([...model.zones.keys()].sort(byCode));
      const conduits = await page.$$eval('svg.zone-diagram g.conduit[data-conduit]', (gs) => gs.map((g) => ({
        id: g.getAttribute('data-conduit')!, zones: [g.getAttribute('data-upper')!, g.getAttribute('data-lower')!].sort(),
        enforcement: g.getAttribute('data-enforcement')!, dashed: g.querySelector('path')!.hasAttribute('stroke-dasharray'), text: g.textContent!,
      })));
      expect(conduits.map((c) => c.id).sort(byCode)).toEqual([...model.conduits.keys()].sort(byCode));
      for (const c of conduits) {
        expect(c.zones).toEqual([...model.conduits.get(c.id)!.zones].sort());
        expect(c.enforcement).toBe(placement.byConduit.get(c.id)!.join(' '));
        expect(c.dashed).toBe(placement.unplaced.includes(c.id));
        expect(c.text.includes('UNENFORCED')).toBe(placement.unplaced.includes(c.id));
      }
    });

    it('stacks the zones by Purdue level and keeps every label inside its box (real font metrics)', async () => {
      const boxes = await page.$$eval('svg.zone-diagram g.zone', (gs) => gs.map((g) => {
        const r = (g.querySelector('rect') as SVGRectElement).getBBox();
        const texts = [...g.querySelectorAll('text')].map((t) => { const b = (t as SVGTextElement).getBBox(); return b.x + b.width; });
        return { purdue: Number(g.getAttribute('data-purdue')), top: r.y, bottom: r.y + r.height, right: r.x + r.width, textRight: Math.max(...texts) };
      }));
      for (const a of boxes) {
        expect(a.textRight).toBeLessThanOrEqual(a.right);
        for (const b of boxes) if (a.purdue > b.purdue) expect(a.bottom).toBeLessThanOrEqual(b.top);
      }
      const labels = await page.$$eval('svg.zone-diagram g.conduit', (gs) => gs.map((g) => {
        const r = (g.querySelector('rect') as SVGRectElement).getBBox();
        return { right: r.x + r.width, textRight: Math.max(...[...g.querySelectorAll('text')].map((t) => { const b = (t as SVGTextElement).getBBox(); return b.x + b.width; })) };
      }));
      for (const l of labels) expect(l.textRight).toBeLessThanOrEqual(l.right);
      expect(await page.locator('svg.sl-chart').count()).toBe(analyzed.ctx.model.zones.size);
      expect(await page.locator('svg.sl-chart [data-fr]').count()).toBe(7 * analyzed.ctx.model.zones.size);
    });

    it('filters the device table by every status, zone and type (the script, driven through the controls)', async () => {
      const devices = analyzed.assessment.devices;
      // The whole matrix in one round trip: set each control as the user agent does and fire its change event.
      const seen = await page.evaluate(({ statuses, zones, types }) => {
        const control = (id: string) => document.getElementById(id) as HTMLSelectElement;
        const visible = () => [...document.querySelectorAll('#devices-table tbody tr')].filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute('data-device')!);
        const pick = (id: string, value: string) => { control(id).value = value; control(id).dispatchEvent(new Event('change', { bubbles: true })); return visible(); };
        const out: Record<string, string[]> = {};
        for (const v of statuses) out[`status:${v}`] = pick('filter-status', v);
        pick('filter-status', '');
        for (const v of zones) out[`zone:${v}`] = pick('filter-zone', v);
        pick('filter-zone', '');
        for (const v of types) out[`type:${v}`] = pick('filter-type', v);
        pick('filter-type', '');
        return out;
      }, { statuses: [...STATUSES], zones: [...new Set(devices.map((d) => d.zone))], types: [...new Set(devices.map((d) => d.type))] });
      const want: Record<string, string[]> = {};
      for (const s of STATUSES) want[`status:${s}`] = sortedIds(devices.filter((d) => worst(d) === s));
      for (const z of new Set(devices.map((d) => d.zone))) want[`zone:${z}`] = sortedIds(devices.filter((d) => d.zone === z));
      for (const t of new Set(devices.map((d) => d.type))) want[`type:${t}`] = sortedIds(devices.filter((d) => d.type === t));
      expect(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...v].sort(byCode)]))).toEqual(want);
    });

    it('filters as a user does: labelled selects, typing, clear', async () => {
      const devices = analyzed.assessment.devices;
      for (const label of ['Overall status', 'Zone', 'Type', 'Text']) expect(await page.getByLabel(label, { exact: true }).count()).toBe(1);
      const zone = devices[devices.length - 1].zone;
      await page.getByLabel('Overall status').selectOption('gap');
      await page.getByLabel('Zone', { exact: true }).selectOption(zone);
      const both = devices.filter((d) => d.zone === zone && worst(d) === 'gap');
      expect((await visibleRows(page)).sort(byCode)).toEqual(sortedIds(both));
      expect(await page.locator('#filter-count').textContent()).toBe(`${both.length} of ${devices.length} devices shown`);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => visibleRows(page).then((r) => r.length)).toBe(devices.length);
      // Keyboard only, and case-insensitive: type into the text filter.
      const needle = devices[devices.length - 1].id.slice(0, 4);
      await page.getByLabel('Text', { exact: true }).focus();
      await page.keyboard.type(needle.toUpperCase());
      const assets = analyzed.ctx.model.assets;
      const hay = (d: DeviceResult) => { const a = assets.get(d.id)!; return [d.id, a.name, d.zone, d.type, a.vendor, a.model].filter(Boolean).join(' ').toLowerCase(); };
      expect((await visibleRows(page)).sort(byCode)).toEqual(sortedIds(devices.filter((d) => hay(d).includes(needle))));
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => visibleRows(page).then((r) => r.length)).toBe(devices.length);
    });

    it('sorts by clicking a header (and with the keyboard), with aria-sort', async () => {
      const devices = analyzed.assessment.devices;
      const ids = sortedIds(devices);
      const header = (name: string) => page.locator('#devices-table thead th', { has: page.getByRole('button', { name, exact: true }) });
      const sorts = () => page.$$eval('#devices-table thead th[aria-sort]', (ths) => ths.map((th) => `${th.textContent!.trim()}:${th.getAttribute('aria-sort')}`));
      expect(await visibleRows(page)).toEqual(ids);
      expect(await sorts()).toEqual(['Device:ascending']);
      await page.getByRole('button', { name: 'Device', exact: true }).click();
      expect(await visibleRows(page)).toEqual([...ids].reverse());
      expect(await header('Device').getAttribute('aria-sort')).toBe('descending');
      // Counts sort worst first; ties keep device id order.
      const gaps = (d: DeviceResult) => d.requirements.filter((r) => r.status === 'gap').length;
      await page.getByRole('button', { name: 'GAP', exact: true }).click();
      const order = devices.map((d, i) => ({ d, i })).sort((x, y) => gaps(y.d) - gaps(x.d) || x.i - y.i).map((x) => x.d.id);
      expect(await visibleRows(page)).toEqual(order);
      expect(await sorts()).toEqual(['GAP:descending']);
      await page.getByRole('button', { name: 'Zone', exact: true }).focus();
      await page.keyboard.press('Enter');
      const byZone = devices.map((d, i) => ({ d, i })).sort((x, y) => byCode(x.d.zone, y.d.zone) || x.i - y.i).map((x) => x.d.id);
      expect(await visibleRows(page)).toEqual(byZone);
      expect(await sorts()).toEqual(['Zone:ascending']);
      await page.keyboard.press('Space');
      expect(await sorts()).toEqual(['Zone:descending']);
      await page.getByRole('button', { name: 'Device', exact: true }).click();
      expect(await visibleRows(page)).toEqual(ids);
    });

    it('fits the diagram on one printed page', async () => {
      // The print stylesheet and this report's diagram, laid out in the printable box of an A4 page.
      // (Laying the whole report out again at print width costs seconds; the full print check runs on the small plant.)
      const parts = await page.evaluate(() => ({ style: document.querySelector('style')!.textContent!, figure: document.querySelector('figure.diagram')!.outerHTML }));
      const probe = await opened.context.newPage();
      try {
        await probe.emulateMedia({ media: 'print' });
        await probe.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
        await probe.setContent(`<!DOCTYPE html><html><head><style>${parts.style}</style></head><body>${parts.figure}</body></html>`);
        const box = await probe.locator('svg.zone-diagram').boundingBox();
        expect(box!.width).toBeLessThanOrEqual(PRINT_WIDTH);
        expect(box!.height).toBeLessThanOrEqual(PRINT_HEIGHT);
        // As large as it can be: its natural size, or scaled down until it touches the page width or height.
        const natural = Number(await probe.locator('svg.zone-diagram').getAttribute('width'));
        expect(box!.width >= Math.min(natural, PRINT_WIDTH) - 1 || box!.height >= PRINT_HEIGHT - 1).toBe(true);
      } finally {
        await probe.close();
      }
    });

    if (name === 'small-plant') {
      it('prints sensibly: no filters, every device, a page per device section', async () => {
        await page.getByLabel('Overall status').selectOption('native');
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
        try {
          expect(await page.locator('#devices-filters').isVisible()).toBe(false);
          const shown = await page.$$eval('#devices-table tbody tr', (rows) => rows.filter((r) => getComputedStyle(r).display !== 'none').length);
          expect(shown).toBe(analyzed.assessment.devices.length);
          const svg = await page.locator('svg.zone-diagram').boundingBox();
          expect(svg!.width).toBeLessThanOrEqual(PRINT_WIDTH);
          const breaks = await page.$$eval('section.device', (ss) => ss.map((s) => getComputedStyle(s).breakBefore));
          expect(breaks.slice(1).every((b) => b === 'page')).toBe(true);
          expect(await page.$eval('table.requirements tbody tr', (r) => getComputedStyle(r).breakInside)).toBe('avoid');
          const pdf = await page.pdf({ format: 'A4', path: new URL(`${name}.pdf`, ARTIFACTS).pathname });
          const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
          expect(pages).toBeGreaterThanOrEqual(analyzed.assessment.devices.length + 1);
        } finally {
          await page.emulateMedia({ media: 'screen' });
          await page.setViewportSize({ width: 1280, height: 900 });
          await page.getByRole('button', { name: 'Clear filters' }).click();
        }
      });

      it('shows hostile policy text as text', async () => {
        expect(await page.locator('h1').textContent()).toContain('Small <Plant> & "Pumps" | [North] #1');
        expect(await page.locator('.site-description').textContent()).toContain("<script>alert('site')</script>");
        expect(opened.problems).toEqual([]);
        expect(readFileSync(new URL(`${name}.html`, ARTIFACTS), 'utf8')).not.toContain('<img src=x');
      });
    }
  });
});
