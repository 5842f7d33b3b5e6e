import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { AsaView } from './buildAsaView.js';

/**
 * The Handlebars templates of templates/cisco-asa/, compiled once in their own
 * environment. `noEscape`: the view model already holds CLI-safe text (HTML escaping
 * would corrupt it); `strict`: a missing view field is an error, not an empty string.
 */
const TEMPLATE_DIR = new URL('../../../templates/cisco-asa/', import.meta.url);
const PARTIALS = ['object', 'group', 'acl', 'mpf'] as const;

let compiled: ((view: AsaView) => string) | undefined;

function load(name: string): string {
  return readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
}

export function asaTemplate(): (view: AsaView) => string {
  if (!compiled) {
    const hbs = Handlebars.create();
    for (const p of PARTIALS) hbs.registerPartial(p, load(`${p}.hbs`));
    const template = hbs.compile<AsaView>(load('config.hbs'), { noEscape: true, strict: true });
    compiled = (view) => template(view);
  }
  return compiled;
}
