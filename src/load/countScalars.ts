import { CST, Lexer } from 'yaml';

const VALUE_TOKENS = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'flow-map-start', 'flow-seq-start', 'alias']);
/** The lexer's marker tokens (document, flow end, plain scalar): not part of the source text. */
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * A lower bound on the YAML node count, from the lexer alone, stopping as soon as it
 * passes `limit`. Every scalar, alias and flow collection token becomes at least one
 * node, so a count above the limit proves the document is over it. It exists because
 * the yaml parser needs 5-15 s for a million-element list before preflight can count
 * it; the lexer gets there in well under the parser's time and stops early.
 * Returns the count (at most limit + 1) and the offset of the token that passed it.
 */
export function countScalars(text: string, limit: number): { count: number; offset: number } {
  let count = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type && VALUE_TOKENS.has(type) && ++count > limit) return { count, offset };
    if (!MARKERS.has(token)) offset += token.length;
  }
  return { count, offset: -1 };
}
