import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { IosView } from './buildIosView.js';

/**
 * The Handlebars templates of templates/cisco-ios/, compiled once in their own
 * environment. `noEscape`: the view model already holds CLI-safe text (HTML escaping
 * would corrupt it); `strict`: a missing view field is an error, not an empty string.
 */
const TEMPLATE_DIR = new URL('../../../templates/cisco-ios/', import.meta.url);

let compiled: ((view: IosView) => string) | undefined;

function load(name: string): string {
  return readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
}

export function iosTemplate(): (view: IosView) => string {
  if (!compiled) {
    const hbs = Handlebars.create();
    hbs.registerPartial('objectGroup', load('objectGroup.hbs'));
    hbs.registerPartial('acl', load('acl.hbs'));
    const template = hbs.compile<IosView>(load('config.hbs'), { noEscape: true, strict: true });
    compiled = (view) => template(view);
  }
  return compiled;
}
