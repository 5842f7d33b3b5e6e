import { CST, Lexer, Parser } from 'yaml';

const VALUE_TOKENS = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'flow-map-start', 'flow-seq-start', 'alias']);
/** The lexer's marker tokens (document, flow end, plain scalar): not part of the source text. */
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * Lexes `text` once and parses the lexemes into the CST, so a large input pays for one
 * lexer pass, not two (the count and the parse each lexed the whole text: 15 % of the
 * load time of a 3.7 MB plant). With a finite `limit` the scalars are counted first and
 * the parser is not run when the document is over it: every scalar, alias and flow
 * collection token becomes at least one node, so a count above the limit proves the
 * document is over it (the yaml parser needs 5-15 s for a million-element list; the lexer
 * gets there in well under that and stops early). Returns the count (at most limit + 1)
 * and the offset of the token that passed it. Same result as
 * `[...new Parser(onNewLine).parse(text)]`, which feeds its own lexer's tokens to next().
 */
export function parseCounted(text: string, onNewLine: (offset: number) => void, limit: number): { tokens?: CST.Token[]; count: number; offset: number } {
  const lexemes: string[] = [];
  let count = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type && VALUE_TOKENS.has(type) && ++count > limit) return { count, offset };
    if (!MARKERS.has(token)) offset += token.length;
    lexemes.push(token);
  }
  const parser = new Parser(onNewLine);
  const tokens: CST.Token[] = [];
  onNewLine(0); // as Parser.parse() does before the first token
  for (const lexeme of lexemes) for (const t of parser.next(lexeme)) tokens.push(t);
  for (const t of parser.end()) tokens.push(t);
  return { tokens, count, offset: -1 };
}
