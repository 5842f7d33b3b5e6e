/**
 * The strict allow-list of line shapes the IOS backend may print. Any line outside it
 * (a pasted command smuggled through a remark, a stray keyword) fails the tests.
 */
const NAME = '[A-Za-z][A-Za-z0-9_-]*';
const IFACE = '[A-Za-z][A-Za-z0-9/.:-]*';
const V4 = '(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const V6 = '[0-9a-f:]*:[0-9a-f:]*';
const PORT = '(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d\\d|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3}|0)';
const PORTOP = `(?:eq ${PORT}|range ${PORT} ${PORT})`;
/** Free text after remark/description/!: printable ASCII without quotes, backslash, backtick or ?, no leading !. */
const TEXT = '[^\\s!"\'`\\\\?](?:[ -~](?<!["\'`\\\\?]))*';
const ADDR4 = `(?:any|host ${V4}|${V4} ${V4}|object-group ${NAME})`;
const ADDR6 = `(?:any|host ${V6}|${V6}/\\d{1,3})`;
const LOG = '(?: log)?';

const ACE4 = [
  `\\d+ (?:permit|deny) (?:ip|icmp|object-group ${NAME}) ${ADDR4} ${ADDR4}${LOG}`,
  `\\d+ permit tcp ${ADDR4}(?: ${PORTOP})? ${ADDR4}(?: ${PORTOP})?(?: established)?${LOG}`,
  `\\d+ (?:permit|deny) (?:tcp|udp) ${ADDR4}(?: ${PORTOP})? ${ADDR4}(?: ${PORTOP})?${LOG}`,
];
const ACE6 = [
  `(?:permit|deny) (?:ipv6|icmp) ${ADDR6} ${ADDR6}${LOG} sequence \\d+`,
  `permit icmp any any (?:nd-na|nd-ns|router-solicitation) sequence \\d+`,
  `permit tcp ${ADDR6}(?: ${PORTOP})? ${ADDR6}(?: ${PORTOP})?(?: established)?${LOG} sequence \\d+`,
  `(?:permit|deny) (?:tcp|udp) ${ADDR6}(?: ${PORTOP})? ${ADDR6}(?: ${PORTOP})?${LOG} sequence \\d+`,
];

export const LINE_SHAPES: RegExp[] = [
  '!', `! ${TEXT}`, '! monitor session 1 destination interface <port-to-IDS>',
  `object-group network ${NAME}`, `object-group service ${NAME}`,
  ` description ${TEXT}`, ` host ${V4}`, ` ${V4} ${V4}`, ` range ${V4} ${V4}`, ` group-object ${NAME}`,
  ` (?:tcp|udp)(?: ${PORTOP})?`,
  'ip access-list logging interval [1-9]\\d{0,9}',
  `ip access-list extended ${NAME}`, `ipv6 access-list ${NAME}`, ` remark ${TEXT}`,
  ...ACE4.map((a) => ` ${a}`), ...ACE6.map((a) => ` ${a}`),
  `interface ${IFACE}`, ` ip access-group ${NAME} in`, ` ipv6 traffic-filter ${NAME} in`,
  `logging host ${V4}`, `logging host ipv6 ${V6}`, 'logging trap informational', `ntp server (?:${V4}|${V6})`,
  `monitor session 1 source (?:interface ${IFACE}|vlan \\d{1,4}) both`, `monitor session 1 destination interface ${IFACE}`,
].map((s) => new RegExp(`^${s}$`));

/** Lines that match no shape. */
export function unknownLines(text: string): string[] {
  return text.split('\n').slice(0, -1).filter((l) => !LINE_SHAPES.some((re) => re.test(l)));
}
