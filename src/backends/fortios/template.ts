import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { FortiosView } from './toView.js';

/**
 * The templates in templates/fortios/, compiled once per process in a private
 * Handlebars environment. No helpers are registered: the templates only loop and
 * print. noEscape: every value is validated or sanitised in the view model, and
 * HTML escaping would corrupt CLI text. strict: a missing view field is a bug.
 * The folder is found relative to this module, so it works from src/ and dist/.
 */
const TEMPLATE_DIR = new URL('../../../templates/fortios/', import.meta.url);
const PARTIALS = ['address', 'addrgrp', 'policies', 'dos'] as const;

let compiled: ((view: FortiosView) => string) | undefined;

function read(name: string): string {
  return readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
}

export function fortiosTemplate(): (view: FortiosView) => string {
  if (!compiled) {
    const hb = Handlebars.create();
    for (const p of PARTIALS) hb.registerPartial(p, read(`${p}.hbs`));
    const main = hb.compile<FortiosView>(read('fortios.conf.hbs'), { noEscape: true, strict: true });
    compiled = (view) => main(view);
  }
  return compiled;
}
