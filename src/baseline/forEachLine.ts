import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/**
 * Called once per physical line: the line is text[start, end) (without its end of
 * line; no substring is made, the hot path reads it in place). Return false to stop
 * reading. `tooLong`: the line exceeded MAX_LINE_CHARS and only its start is given.
 */
export type LineHandler = (text: string, start: number, end: number, lineNo: number, tooLong?: boolean) => boolean | void;

/** Longest line kept whole (a flow record is ~100 characters; a binary file has no line ends). */
export const MAX_LINE_CHARS = 1 << 20;

/**
 * A hand-written line splitter over a stream of chunks: UTF-8 decoded with a
 * streaming decoder (a character split across two chunks stays whole), LF or CRLF
 * line ends, a leading BOM dropped. Memory stays bounded by MAX_LINE_CHARS plus one
 * chunk, whatever the number or length of the lines (issue 6: multi-million-line files).
 */
export async function forEachLine(chunks: AsyncIterable<Uint8Array | string>, onLine: LineHandler): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 0;
  let first = true;
  let skipping = false;
  // ASCII chunks skip the decoder until the first non-ASCII byte (then it keeps any split character)
  let ascii = true;
  const emit = (text: string, start: number, nl: number): boolean => {
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (skipping) {
      skipping = false;
      return true;
    }
    return onLine(text, start, end, ++lineNo) !== false;
  };
  for await (const chunk of chunks) {
    let piece: string;
    if (typeof chunk === 'string') piece = chunk;
    else if (ascii && isAscii(chunk)) piece = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    else { ascii = false; piece = decoder.write(chunk as Buffer); }
    if (first && piece.length > 0) {
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
      first = false;
    }
    let start = 0;
    let nl = piece.indexOf('\n');
    if (rest.length > 0 && nl >= 0) {
      // the line that spans two chunks is joined on its own, so `piece` stays a flat string for the hot loop
      const line = rest + piece.slice(0, nl);
      rest = '';
      if (!emit(line, 0, line.length)) return lineNo;
      start = nl + 1;
      nl = piece.indexOf('\n', start);
    }
    while (nl >= 0) {
      if (!emit(piece, start, nl)) return lineNo;
      start = nl + 1;
      nl = piece.indexOf('\n', start);
    }
    rest += start === 0 ? piece : piece.slice(start);
    if (rest.length > MAX_LINE_CHARS) {
      // report the over-long line once, then drop the rest of it up to its line end
      if (!skipping && onLine(rest, 0, 256, ++lineNo, true) === false) return lineNo;
      skipping = true;
      rest = '';
    }
  }
  rest += decoder.end();
  if (rest.length > 0 && !skipping) {
    const end = rest.charCodeAt(rest.length - 1) === 13 ? rest.length - 1 : rest.length;
    onLine(rest, 0, end, ++lineNo);
  }
  return lineNo;
}
