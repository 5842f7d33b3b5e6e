/**
 * Every line the FortiOS backend may produce, as a strict allow-list of shapes
 * (exact indentation, keywords and value shapes). A line that matches none of them
 * is a line the IR did not ask for.
 */
const NAME = '[A-Za-z0-9_-]{1,79}';
const IFNAME = '[A-Za-z0-9_.-]{1,15}';
/** Printable ASCII without " ' ` \ ? */
const TEXT = '[\\x20\\x21\\x23-\\x26\\x28-\\x3e\\x40-\\x5b\\x5d-\\x5f\\x61-\\x7e]*';
const IP4 = '(?:\\d{1,3}\\.){3}\\d{1,3}';
const IP6 = '[0-9a-f:]*:[0-9a-f:]*';
const Q = (re: string) => `"${re}"`;
const LIST = (re: string) => `(?: "${re}")+`;

const SHAPES: string[] = [
  `# ${TEXT}`,
  'config system zone',
  'config firewall (?:address6?|addrgrp6?|policy|DoS-policy6?)',
  'config firewall service (?:custom|group)',
  'config ips global',
  'config application list',
  'config log syslogd[234]? setting',
  'config system ntp',
  `    edit ${Q(NAME)}`,
  '    edit [1-9][0-9]{0,9}',
  `        set description ${Q(TEXT)}`,
  '        set intrazone deny',
  `        set interface ${Q(IFNAME)}`,
  `        set comments? ${Q(TEXT)}`,
  `        set subnet ${IP4} ${IP4}`,
  `        set ip6 ${IP6}/\\d{1,3}`,
  '        set type iprange',
  `        set (?:start|end)-ip (?:${IP4}|${IP6})`,
  `        set member${LIST(NAME)}`,
  '        set (?:tcp|udp)-portrange \\d{1,5}(?:-\\d{1,5})?',
  '    set exclude-signatures none',
  '        set other-application-log enable',
  '        config entries',
  '            edit 1',
  '                set application(?: [1-9][0-9]{0,7})+',
  '                set action (?:block|pass)',
  '                set log enable',
  '            next',
  '        end',
  `        set name ${Q('[CBF][1-9][0-9]{0,9}')}`,
  `        set (?:srcintf|dstintf)${LIST(NAME)}`,
  `        set (?:srcaddr|dstaddr|srcaddr6|dstaddr6)${LIST(NAME)}`,
  '        set action (?:accept|deny)',
  `        set schedule ${Q('always')}`,
  `        set service${LIST(NAME)}`,
  '        set utm-status enable',
  `        set application-list ${Q(NAME)}`,
  '        set logtraffic (?:all|disable)',
  '        config anomaly',
  `            edit ${Q('(?:tcp_syn_flood|tcp_src_session|tcp_dst_session|udp_src_session|udp_dst_session)')}`,
  '                set status enable',
  '                set threshold [1-9][0-9]{0,9}',
  '    set status enable',
  `    set server ${Q(`(?:${IP4}|${IP6})`)}`,
  '    set mode udp',
  '    set port 514',
  '    set facility local7',
  '    set ntpsync enable',
  '    set type custom',
  '    config ntpserver',
  '        edit [1-9][0-9]*',
  `            set server ${Q(`(?:${IP4}|${IP6})`)}`,
  '        next',
  '    end',
  '    next',
  'end',
];

const LINE = new RegExp(`^(?:${SHAPES.join('|')})$`);

/** Lines (1-based number and text) that match no allowed shape. */
export function unexpectedLines(text: string): { line: number; text: string }[] {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return lines.map((t, i) => ({ line: i + 1, text: t })).filter((l) => !LINE.test(l.text));
}
