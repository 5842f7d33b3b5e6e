/**
 * The strict allow-list of line shapes the ASA backend may print. Every output line
 * must match one of these; anything else (a bare `any`, a `tcp-udp` service, a remark
 * with a quote or `?`, a line an injected newline created) fails the test.
 */
const N = '[A-Za-z][A-Za-z0-9_-]{0,63}';
const IF = '[A-Za-z][A-Za-z0-9_-]{0,47}';
const A4 = '(?:\\d{1,3}\\.){3}\\d{1,3}';
const A6 = '[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}';
const ADDR = `(?:${A4}|${A6})`;
/** Sanitised free text: printable ASCII without quotes, backslash, backtick or ?, not starting with a space or !. */
const SAFE = (max: number) => `(?=[^"'\`\\\\?]{1,${max}}$)(?![ !])[\\x20-\\x7e]{1,${max}}`;
const PROTO = `(?:ip|object ${N}|object-group ${N})`;
const OPERAND = `(?:any4|any6|object ${N}|object-group ${N})`;
const LOG = '(?: log (?:informational interval 300|warnings interval 60|disable))';
const PORTS = '(?:eq \\d{1,5}|range \\d{1,5} \\d{1,5})';

export const LINE_SHAPES: RegExp[] = [
  '!', `! ${SAFE(200)}`,
  `object network ${N}`, ` host ${ADDR}`, ` subnet ${A4} ${A4}`, ` subnet ${A6}/\\d{1,3}`, ` range ${A4} ${A4}`, ` range ${A6} ${A6}`,
  ` description ${SAFE(100)}`,
  `object service ${N}`, ` service (?:tcp|udp) destination ${PORTS}`,
  `object-group network ${N}`, ` network-object object ${N}`,
  `object-group service ${N}`, ` service-object object ${N}`,
  `access-list ${N} remark ${SAFE(100)}`,
  `access-list ${N} extended (?:permit|deny) ${PROTO} ${OPERAND} ${OPERAND}${LOG}?`,
  `access-group ${N} in interface ${IF}`,
  `class-map ${N}`, ` match access-list ${N}`, `policy-map ${N}`, ` class ${N}`,
  '  set connection(?: (?:conn-max|embryonic-conn-max|per-client-max) \\d{1,7})+',
  `service-policy ${N} interface ${IF}`,
  'logging enable', 'logging timestamp', 'logging trap informational', `logging host ${IF} ${ADDR}`,
  `ntp server ${ADDR}(?: source ${IF})?`,
].map((s) => new RegExp(`^${s}$`));


/** Lines of `text` that match no allowed shape (with their 1-based numbers). */
export function unmatchedLines(text: string): string[] {
  return text.split('\n').slice(0, -1).flatMap((line, i) => (LINE_SHAPES.some((re) => re.test(line)) ? [] : [`${i + 1}: ${JSON.stringify(line)}`]));
}
