/**
 * Text for an XML 1.0 attribute value or element content. Characters XML 1.0 cannot
 * carry at all (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates)
 * become U+FFFD; markup characters become entities; in attributes tab, LF and CR are
 * written as character references so parsers do not normalise them to spaces.
 */
export function xmlEscape(text: string, attribute = true): string {
  const clean = !/[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/.test(text) ? text : text.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const body = clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (!attribute) return body.replace(/\r/g, '&#13;');
  return body.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** `<name a="v" ...>` attributes, skipping undefined values, in the order given. */
export function xmlAttrs(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}
