import { sanitizeComment } from './sanitizeComment.js';

/** Longest free text considered before wrapping (policy descriptions are short paragraphs). */
const TEXT_MAX = 2000;

/** Sanitised (sanitizeComment) and without a leading `!`, which Cisco CLIs read as a comment. */
export function cleanCliText(text: string, max: number): string {
  return sanitizeComment(text, max).replace(/^[!\s]+/, '');
}

/** Words of a text, keeping a requirement id ("SR 5.2 RE 1),") in one piece so a wrap never splits it. */
function words(text: string): string[] {
  return text.match(/\(?SR \d+(?:\.\d+)?(?: RE \d+)?[,)]*|\S+/g) ?? [];
}

/**
 * Sanitised text wrapped at word boundaries into lines of at most `width` characters
 * (a longer word is split), none starting with `!` or a space, at most `maxLines`
 * lines: the rest is left out (it stays whole in trace.json). Used for remarks and
 * `!` comment lines on line-oriented CLIs, where a remark runs to the end of its line.
 */
export function wrapCliText(text: string, width: number, maxLines = Number.MAX_SAFE_INTEGER): string[] {
  const lines: string[] = [];
  let cur = '';
  const start = (w: string) => w.replace(/^!+/, '');
  for (let word of words(cleanCliText(text, TEXT_MAX))) {
    if (cur === '') word = start(word);
    if (word === '') continue;
    if (cur === '' && word.length <= width) cur = word;
    else if (cur !== '' && cur.length + 1 + word.length <= width) cur = `${cur} ${word}`;
    else if (word.length > width) {
      // A word longer than a line is split, filling the current line first.
      if (cur !== '') {
        const room = width - cur.length - 1;
        if (room > 0) { cur = `${cur} ${word.slice(0, room)}`; word = word.slice(room); }
        lines.push(cur);
      }
      for (word = start(word); word.length > width; word = start(word.slice(width))) lines.push(word.slice(0, width));
      cur = word;
    } else {
      lines.push(cur);
      cur = start(word);
    }
  }
  if (cur !== '') lines.push(cur);
  return lines.filter((l) => l !== '').slice(0, maxLines);
}
