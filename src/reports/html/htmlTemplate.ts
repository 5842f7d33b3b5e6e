import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { HtmlView } from './buildHtmlView.js';

/**
 * templates/report-html/, compiled once per process in a private Handlebars environment
 * with the default HTML escaping ({{x}}); only our own CSS, script and the SVG built from
 * escaped parts are inserted raw ({{{x}}}). strict: a missing view field is a bug.
 * The folder is found relative to this module, so it works from src/ and dist/.
 */
const TEMPLATE_DIR = new URL('../../../templates/report-html/', import.meta.url);
const PARTIALS = ['summary', 'diagram', 'zones', 'findings', 'devices', 'device'] as const;

export interface HtmlAssets {
  style: string;
  script: string;
  /** Content-Security-Policy: nothing may be fetched or connected to; only our inline style and script run (by hash). */
  csp: string;
}

type Page = HtmlView & HtmlAssets;
let compiled: { render: (page: Page) => string; assets: HtmlAssets } | undefined;

function read(name: string): string {
  return readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function assets(): HtmlAssets {
  const style = read('report.css');
  const script = read('report.js');
  // default-src 'none' also forbids connect-src, font-src, frame-src...: the file works offline and
  // cannot phone home. img-src data: only for the empty favicon that stops a /favicon.ico request.
  const csp = `default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(script)}; img-src data:; base-uri 'none'; form-action 'none'`;
  // Printed raw ({{{csp}}}) so the policy stays readable in the file: it is our own text,
  // base64 and quotes only, which cannot end the attribute.
  if (/["<>&]/.test(csp)) throw new Error('CSP text would need HTML escaping');
  return { style, script, csp };
}

export function renderHtmlPage(view: HtmlView): string {
  if (!compiled) {
    const hb = Handlebars.create();
    for (const p of PARTIALS) hb.registerPartial(p, read(`${p}.hbs`));
    const main = hb.compile<Page>(read('report.hbs'), { strict: true });
    compiled = { render: (page) => main(page), assets: assets() };
  }
  return compiled.render({ ...view, ...compiled.assets });
}
