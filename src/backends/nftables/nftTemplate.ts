import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { NftView } from './nftView.js';

/**
 * templates/nftables/, compiled once per process in a private Handlebars environment
 * without helpers: the templates only loop and print. `noEscape`: the view holds
 * validated nft text, HTML escaping would corrupt it; `strict`: a missing view field
 * is a bug. Found relative to this module, so it works from src/ and dist/.
 */
const TEMPLATE_DIR = new URL('../../../templates/nftables/', import.meta.url);

let compiled: ((view: NftView) => string) | undefined;

function read(name: string): string {
  return readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
}

export function nftTemplate(): (view: NftView) => string {
  if (!compiled) {
    const hb = Handlebars.create();
    hb.registerPartial('set', read('set.hbs'));
    hb.registerPartial('chain', read('chain.hbs'));
    const main = hb.compile<NftView>(read('ruleset.nft.hbs'), { noEscape: true, strict: true });
    compiled = (view) => main(view);
  }
  return compiled;
}
