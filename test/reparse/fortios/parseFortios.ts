import { maskLength, parseIPv4, parseIPv6 } from './ipText.js';

/**
 * An independent re-parser for the FortiOS CLI configuration otpc renders, written
 * from the FortiOS CLI grammar (config / edit / set / unset / next / end, quoted
 * strings with \" and \\ escapes), sharing no code with src/backends. It reads the
 * text the way a FortiGate CLI reads a paste: line by line, so a quoted string may not
 * span lines (that is the injection path). It REJECTS anything it does not know: an
 * unknown section, key, keyword or value shape throws with the line number. The
 * accepted vocabulary is the part of the FortiOS 7.x CLI that these sections accept
 * and that the evaluator models.
 */
export class FortiosParseError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

export interface Token { text: string; quoted: boolean }
export interface SetCmd { key: string; values: string[]; line: number }

export interface Entry {
  id: string;
  line: number;
  sets: Map<string, SetCmd>;
  subs: Map<string, Section>;
}

export interface Section {
  path: string;
  kind: 'table' | 'settings';
  line: number;
  /** table: entries in list order (an edit of an existing id changes it in place). */
  entries: Entry[];
  /** settings: the keys set directly. */
  sets: Map<string, SetCmd>;
  subs: Map<string, Section>;
}

export interface ParsedConfig {
  sections: Section[];
  comments: string[];
}

type ValueSpec =
  | 'string' | 'names' | 'int' | 'ints' | 'ipv4' | 'ipv6' | 'ipmask' | 'ip6prefix' | 'ip' | 'portranges'
  | { oneOf: readonly string[] };

interface KeySpec { value: ValueSpec; requires?: { key: string; value: string; default: string } }
interface SectionSpec {
  kind: 'table' | 'settings';
  /** Entry id shape for tables. */
  id?: 'name' | 'int' | { oneOf: readonly string[] };
  keys: Record<string, KeySpec>;
  subs?: Record<string, SectionSpec>;
}

const ENABLE = { oneOf: ['enable', 'disable'] } as const;
const k = (value: ValueSpec, requires?: KeySpec['requires']): KeySpec => (requires ? { value, requires } : { value });

const ADDRESS: SectionSpec = {
  kind: 'table', id: 'name',
  keys: {
    comment: k('string'),
    type: k({ oneOf: ['ipmask', 'iprange'] }),
    subnet: k('ipmask', { key: 'type', value: 'ipmask', default: 'ipmask' }),
    'start-ip': k('ipv4', { key: 'type', value: 'iprange', default: 'ipmask' }),
    'end-ip': k('ipv4', { key: 'type', value: 'iprange', default: 'ipmask' }),
  },
};
const ADDRESS6: SectionSpec = {
  kind: 'table', id: 'name',
  keys: {
    comment: k('string'),
    type: k({ oneOf: ['ipprefix', 'iprange'] }),
    ip6: k('ip6prefix', { key: 'type', value: 'ipprefix', default: 'ipprefix' }),
    'start-ip': k('ipv6', { key: 'type', value: 'iprange', default: 'ipprefix' }),
    'end-ip': k('ipv6', { key: 'type', value: 'iprange', default: 'ipprefix' }),
  },
};
const GROUP: SectionSpec = { kind: 'table', id: 'name', keys: { member: k('names'), comment: k('string') } };
const ANOMALIES = [
  'tcp_syn_flood', 'tcp_port_scan', 'tcp_src_session', 'tcp_dst_session', 'udp_flood', 'udp_scan', 'udp_src_session',
  'udp_dst_session', 'icmp_flood', 'icmp_sweep', 'icmp_src_session', 'icmp_dst_session', 'ip_src_session', 'ip_dst_session',
] as const;
const DOS: SectionSpec = {
  kind: 'table', id: 'int',
  keys: { status: k(ENABLE), comments: k('string'), interface: k('string'), srcaddr: k('names'), dstaddr: k('names'), service: k('names') },
  subs: {
    anomaly: {
      kind: 'table', id: { oneOf: ANOMALIES },
      keys: { status: k(ENABLE), log: k(ENABLE), action: k({ oneOf: ['pass', 'block'] }), threshold: k('int') },
    },
  },
};
const SYSLOG: SectionSpec = {
  kind: 'settings',
  keys: {
    status: k(ENABLE), server: k('ip'), mode: k({ oneOf: ['udp', 'legacy-reliable', 'reliable'] }), port: k('int'),
    facility: k({ oneOf: ['kernel', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'] }),
  },
};

export const SECTIONS: Record<string, SectionSpec> = {
  'system zone': { kind: 'table', id: 'name', keys: { description: k('string'), intrazone: k({ oneOf: ['allow', 'deny'] }), interface: k('names') } },
  'firewall address': ADDRESS,
  'firewall address6': ADDRESS6,
  'firewall addrgrp': GROUP,
  'firewall addrgrp6': GROUP,
  'firewall service custom': { kind: 'table', id: 'name', keys: { comment: k('string'), 'tcp-portrange': k('portranges'), 'udp-portrange': k('portranges') } },
  'firewall service group': GROUP,
  'ips global': { kind: 'settings', keys: { 'exclude-signatures': k({ oneOf: ['none', 'industrial', 'ot'] }) } },
  'application list': {
    kind: 'table', id: 'name',
    keys: { comment: k('string'), 'other-application-log': k(ENABLE) },
    subs: { entries: { kind: 'table', id: 'int', keys: { application: k('ints'), action: k({ oneOf: ['pass', 'block', 'reset'] }), log: k(ENABLE) } } },
  },
  'firewall policy': {
    kind: 'table', id: 'int',
    keys: {
      name: k('string'), status: k(ENABLE), srcintf: k('names'), dstintf: k('names'),
      srcaddr: k('names'), dstaddr: k('names'), srcaddr6: k('names'), dstaddr6: k('names'),
      action: k({ oneOf: ['accept', 'deny'] }), schedule: k('string'), service: k('names'),
      'utm-status': k(ENABLE),
      'application-list': k('string', { key: 'utm-status', value: 'enable', default: 'disable' }),
      logtraffic: k({ oneOf: ['all', 'utm', 'disable'] }), comments: k('string'),
    },
  },
  'firewall DoS-policy': DOS,
  'firewall DoS-policy6': DOS,
  'log syslogd setting': SYSLOG,
  'log syslogd2 setting': SYSLOG,
  'log syslogd3 setting': SYSLOG,
  'log syslogd4 setting': SYSLOG,
  'system ntp': {
    kind: 'settings',
    keys: { ntpsync: k(ENABLE), type: k({ oneOf: ['fortiguard', 'custom'] }) },
    subs: { ntpserver: { kind: 'table', id: 'int', keys: { server: k('ip') } } },
  },
};

/** Splits one CLI line into tokens; throws on anything a paste could misread. */
export function tokenize(line: string, n: number): Token[] {
  if (!/^[\x20-\x7e]*$/.test(line)) throw new FortiosParseError(n, 'non-printable or non-ASCII character');
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ') { i++; continue; }
    if (c === '?') throw new FortiosParseError(n, '"?" triggers CLI help');
    if (c === "'" || c === '#') throw new FortiosParseError(n, `unexpected ${c}`);
    if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= line.length) throw new FortiosParseError(n, 'unterminated quoted string (a quoted string may not span lines)');
        const d = line[i];
        if (d === '"') { i++; break; }
        if (d === '?') throw new FortiosParseError(n, '"?" triggers CLI help');
        if (d === '\\') {
          const e = line[i + 1];
          if (e !== '"' && e !== '\\') throw new FortiosParseError(n, 'unsupported escape');
          text += e;
          i += 2;
          continue;
        }
        text += d;
        i++;
      }
      if (i < line.length && line[i] !== ' ') throw new FortiosParseError(n, 'text directly after a quoted string');
      out.push({ text, quoted: true });
      continue;
    }
    let text = '';
    while (i < line.length && line[i] !== ' ') {
      if ('"\'\\?#'.includes(line[i])) throw new FortiosParseError(n, `unexpected ${line[i]} in a word`);
      text += line[i++];
    }
    out.push({ text, quoted: false });
  }
  return out;
}

function portRangesOk(values: string[]): boolean {
  const r = /^(\d+)(?:-(\d+))?(?::(\d+)(?:-(\d+))?)?$/;
  return values.every((v) => {
    const m = r.exec(v);
    if (!m) return false;
    const n = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
    const ok = (lo?: number, hi?: number) => lo === undefined || (lo <= 65535 && (hi === undefined || (lo <= hi && hi <= 65535)));
    return n[0]! >= 1 && ok(n[0], n[1]) && ok(n[2], n[3]);
  });
}

function valueOk(spec: ValueSpec, values: string[]): boolean {
  const one = values.length === 1;
  if (typeof spec === 'object') return one && spec.oneOf.includes(values[0]);
  switch (spec) {
    case 'string': return one;
    case 'names': return values.length >= 1 && values.every((v) => v.length > 0);
    case 'int': return one && /^(0|[1-9][0-9]{0,9})$/.test(values[0]);
    case 'ints': return values.length >= 1 && values.every((v) => /^[1-9][0-9]{0,9}$/.test(v));
    case 'ipv4': return one && parseIPv4(values[0]) !== undefined;
    case 'ipv6': return one && parseIPv6(values[0]) !== undefined;
    case 'ip': return one && (parseIPv4(values[0]) !== undefined || parseIPv6(values[0]) !== undefined);
    case 'ipmask': return values.length === 2 && parseIPv4(values[0]) !== undefined && maskLength(values[1]) !== undefined;
    case 'ip6prefix': {
      const m = one ? /^([^/]+)\/(\d{1,3})$/.exec(values[0]) : null;
      return m !== null && parseIPv6(m[1]) !== undefined && Number(m[2]) <= 128;
    }
    case 'portranges': return values.length >= 1 && portRangesOk(values);
  }
}

function idOk(spec: SectionSpec['id'], id: string): boolean {
  if (spec === 'int') return /^[1-9][0-9]{0,9}$/.test(id) && Number(id) <= 4_294_967_294;
  if (spec === 'name') return id.length > 0;
  return spec !== undefined && spec.oneOf.includes(id);
}

type Frame =
  | { type: 'config'; spec: SectionSpec; section: Section }
  | { type: 'edit'; spec: SectionSpec; entry: Entry };

function newSection(path: string, spec: SectionSpec, line: number): Section {
  return { path, kind: spec.kind, line, entries: [], sets: new Map(), subs: new Map() };
}

/** Parses the whole text; throws FortiosParseError on the first thing it does not accept. */
export function parseFortios(text: string): ParsedConfig {
  if (text.includes('\r')) throw new FortiosParseError(1, 'carriage return in the text');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const cfg: ParsedConfig = { sections: [], comments: [] };
  const stack: Frame[] = [];
  lines.forEach((raw, idx) => {
    const n = idx + 1;
    if (/^#/.test(raw)) {
      if (stack.length > 0) throw new FortiosParseError(n, 'comment inside a config block');
      if (!/^#[\x20-\x7e]*$/.test(raw) || /["'\\?]/.test(raw)) throw new FortiosParseError(n, 'unsafe comment line');
      cfg.comments.push(raw);
      return;
    }
    const tokens = tokenize(raw, n);
    if (tokens.length === 0) return;
    const [head, ...rest] = tokens;
    if (head.quoted) throw new FortiosParseError(n, 'a command cannot be quoted');
    command(head.text, rest, n, stack, cfg);
  });
  if (stack.length > 0) throw new FortiosParseError(lines.length, 'missing end/next at end of text');
  return cfg;
}

function command(verb: string, args: Token[], n: number, stack: Frame[], cfg: ParsedConfig): void {
  const top = stack[stack.length - 1];
  switch (verb) {
    case 'config': return openConfig(args, n, stack, cfg);
    case 'edit': {
      if (!top || top.type !== 'config' || top.spec.kind !== 'table') throw new FortiosParseError(n, 'edit outside a table');
      if (args.length !== 1 || !idOk(top.spec.id, args[0].text)) throw new FortiosParseError(n, `invalid entry id for ${top.section.path}`);
      let entry = top.section.entries.find((e) => e.id === args[0].text);
      if (!entry) {
        entry = { id: args[0].text, line: n, sets: new Map(), subs: new Map() };
        top.section.entries.push(entry);
      }
      stack.push({ type: 'edit', spec: top.spec, entry });
      return;
    }
    case 'set':
    case 'unset': return setKey(verb, args, n, top);
    case 'next':
      if (!top || top.type !== 'edit' || args.length > 0) throw new FortiosParseError(n, 'next without edit');
      stack.pop();
      return;
    case 'end':
      if (!top || top.type !== 'config' || args.length > 0) throw new FortiosParseError(n, 'end without config (or an edit left open)');
      stack.pop();
      return;
    default:
      throw new FortiosParseError(n, `unknown command "${verb}"`);
  }
}

function openConfig(args: Token[], n: number, stack: Frame[], cfg: ParsedConfig): void {
  if (args.length === 0 || args.some((a) => a.quoted)) throw new FortiosParseError(n, 'config needs an unquoted path');
  const path = args.map((a) => a.text).join(' ');
  const top = stack[stack.length - 1];
  if (!top) {
    const spec = SECTIONS[path];
    if (!spec || !Object.prototype.hasOwnProperty.call(SECTIONS, path)) throw new FortiosParseError(n, `unknown section "config ${path}"`);
    const section = newSection(path, spec, n);
    cfg.sections.push(section);
    stack.push({ type: 'config', spec, section });
    return;
  }
  if (top.type === 'config' && top.spec.kind === 'table') throw new FortiosParseError(n, 'config directly inside a table');
  const subs = top.spec.subs ?? {};
  if (!Object.prototype.hasOwnProperty.call(subs, path)) throw new FortiosParseError(n, `unknown sub-section "config ${path}"`);
  const spec = subs[path];
  const owner = top.type === 'edit' ? top.entry.subs : top.section.subs;
  let section = owner.get(path);
  if (!section) { section = newSection(path, spec, n); owner.set(path, section); }
  stack.push({ type: 'config', spec, section });
}

function setKey(verb: string, args: Token[], n: number, top: Frame | undefined): void {
  const target = top?.type === 'edit' ? top.entry.sets : top?.type === 'config' && top.spec.kind === 'settings' ? top.section.sets : undefined;
  if (!top || !target) throw new FortiosParseError(n, `${verb} outside an entry or settings block`);
  if (args.length === 0 || args[0].quoted) throw new FortiosParseError(n, `${verb} needs a key`);
  const key = args[0].text;
  if (!Object.prototype.hasOwnProperty.call(top.spec.keys, key)) throw new FortiosParseError(n, `unknown key "${key}"`);
  const spec = top.spec.keys[key];
  if (verb === 'unset') {
    if (args.length !== 1) throw new FortiosParseError(n, 'unset takes only a key');
    target.delete(key);
    return;
  }
  const values = args.slice(1).map((a) => a.text);
  if (!valueOk(spec.value, values)) throw new FortiosParseError(n, `invalid value for "${key}": ${values.join(' ')}`);
  if (spec.requires) {
    const current = target.get(spec.requires.key)?.values[0] ?? spec.requires.default;
    if (current !== spec.requires.value) throw new FortiosParseError(n, `"${key}" is not available unless ${spec.requires.key} is ${spec.requires.value}`);
  }
  target.set(key, { key, values, line: n });
}
