import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/**
 * A backend's Handlebars templates (templates/<folder>/), compiled once per process in
 * a private environment with no helpers: templates only loop and print (STYLE 6).
 * `noEscape`: the view model holds validated or sanitised CLI text and HTML escaping
 * would corrupt it; `strict`: a missing view field is a bug, not an empty string.
 * The folder is found relative to this module, so it works from src/ and dist/.
 */
export function compileTemplates<V>(folder: string, main: string, partials: readonly string[]): () => (view: V) => string {
  let compiled: ((view: V) => string) | undefined;
  return () => {
    if (!compiled) {
      const dir = new URL(`../../../templates/${folder}/`, import.meta.url);
      const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
      const hb = Handlebars.create();
      for (const p of partials) hb.registerPartial(p, read(`${p}.hbs`));
      const template = hb.compile<V>(read(main), { noEscape: true, strict: true });
      compiled = (view) => template(view);
    }
    return compiled;
  };
}
