/**
 * The first JSON syntax error of a text (RFC 8259), as an offset and a short
 * message, or undefined for valid JSON: JSON.parse's own messages do not always
 * give a position, and a located error is the contract (FILE:LINE:COL).
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const fail = (message: string): never => { throw { offset: i, message }; };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const literal = (word: string) => { if (text.startsWith(word, i)) i += word.length; else fail('expected a value'); };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return; }
      if (c < 0x20) fail('control character in a string');
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === undefined) fail('unterminated string');
        if (e === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('invalid \\u escape'); i += 5; continue; }
        if (!'"\\/bfnrt'.includes(e)) fail('invalid escape in a string');
      }
      i++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const number = () => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) fail('expected a value');
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') return container(depth, '}', true);
    if (c === '[') return container(depth, ']', false);
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(i >= text.length ? 'unexpected end of the file' : 'expected a value');
  };
  const container = (depth: number, close: string, object: boolean): void => {
    i++;
    ws();
    if (text[i] === close) { i++; return; }
    for (;;) {
      if (object) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("expected ':' after the property name");
        i++;
      }
      value(depth + 1);
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === close) { i++; return; }
      fail(`expected ',' or '${close}'`);
    }
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'offset' in e) return e as { offset: number; message: string };
    throw e;
  }
  return undefined;
}
