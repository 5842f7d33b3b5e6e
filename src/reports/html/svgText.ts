import Handlebars from 'handlebars';

/**
 * Escape text for SVG/HTML element content and attribute values. The same function
 * Handlebars uses for `{{x}}`, so the SVG we build by hand is escaped exactly like the
 * template output (& < > " ' ` =).
 */
export function esc(s: string | number): string {
  return Handlebars.Utils.escapeExpression(String(s));
}

/** A coordinate rounded to 0.1 px: short, and stable whatever the last bits of ELK's arithmetic. */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

/**
 * Width of a text run in a sans-serif font, estimated without a font engine (the layout
 * runs in Node, not the browser). 0.6 em per character over-estimates common sans-serif
 * fonts slightly, so labels never overflow their boxes; bold adds 5 %.
 */
export function textWidth(s: string, fontSize: number, bold = false): number {
  return [...s].length * fontSize * 0.6 * (bold ? 1.05 : 1);
}

/** Greedy word wrap to at most `max` characters per line; a longer word is split. */
export function wrapText(s: string, max: number, separator = ' '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const raw of s.split(separator)) {
    let word = raw;
    while ([...word].length > max) {
      if (line) { lines.push(line); line = ''; }
      lines.push([...word].slice(0, max).join(''));
      word = [...word].slice(max).join('');
    }
    const next = line ? `${line}${separator}${word}` : word;
    if (line && [...next].length > max) { lines.push(line); line = word; } else line = next;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}
