import { describe, expect, it } from 'vitest';
import { buildFortiModel, evaluateFortios } from './evaluateFortios.js';
import type { FortiPacket } from './evaluateFortios.js';
import { FortiosParseError, parseFortios, tokenize } from './parseFortios.js';

const IFACES = ['port1', 'port2', 'port3'];

const OBJECTS = [
  'config system zone', '    edit "Z-a"', '        set interface "port1"', '    next', '    edit "Z-b"', '        set interface "port2"', '    next', 'end',
  'config firewall address', '    edit "H-x"', '        set subnet 10.0.0.5 255.255.255.255', '    next',
  '    edit "R-y"', '        set type iprange', '        set start-ip 10.0.0.10', '        set end-ip 10.0.0.20', '    next', 'end',
  'config firewall service custom', '    edit "S-t"', '        set tcp-portrange 502 2000-2010:1024-65535', '    next', 'end',
];

function policy(id: number, lines: string[]): string[] {
  return ['    edit ' + id, '        set name "P' + id + '"', '        set schedule "always"', ...lines.map((l) => '        ' + l), '    next'];
}

function model(policies: string[], extra: string[] = []): ReturnType<typeof buildFortiModel> {
  const text = [...OBJECTS, ...extra, 'config firewall policy', ...policies, 'end', ''].join('\n');
  return buildFortiModel(parseFortios(text), IFACES);
}

const AB = ['set srcintf "Z-a"', 'set dstintf "Z-b"'];
const pkt = (over: Partial<FortiPacket> = {}): FortiPacket => ({
  srcintf: 'port1', dstintf: 'port2', family: 4, src: 0x0a000005n, dst: 0x0a00000an, proto: 'tcp', sport: 40000, dport: 502, ...over,
});

describe('tokenizer', () => {
  it.each([
    ['set comments "a \\"b\\" c\\\\"', ['set', 'comments', 'a "b" c\\']],
    ['    edit "H-x"', ['edit', 'H-x']],
    ['set member "a" "b"', ['set', 'member', 'a', 'b']],
  ])('%s', (line, want) => {
    expect(tokenize(line, 1).map((t) => t.text)).toEqual(want);
  });
});

describe('rejects what it does not understand (with the line number)', () => {
  it.each([
    ['unknown section', 'config firewall vip\nend\n', 1, /unknown section/],
    ['unknown key', 'config firewall address\n    edit "a"\n        set color 3\n    next\nend\n', 3, /unknown key "color"/],
    ['newline inside a quoted string', 'config firewall address\n    edit "a"\n        set comment "x\nset subnet 0.0.0.0 0.0.0.0"\n    next\nend\n', 3, /unterminated/],
    ['question mark', 'config firewall address\n    edit "a?"\n    next\nend\n', 2, /help/],
    ['single quotes', "config firewall address\n    edit 'a'\n    next\nend\n", 2, /unexpected '/],
    ['unsupported escape', 'config firewall address\n    edit "a\\n"\n    next\nend\n', 2, /escape/],
    ['end with an edit open', 'config firewall address\n    edit "a"\nend\n', 3, /end without config/],
    ['missing end', 'config firewall address\n', 1, /missing end/],
    ['edit outside a table', 'config ips global\n    edit 1\n', 2, /edit outside a table/],
    ['start-ip without type iprange', 'config firewall address\n    edit "a"\n        set start-ip 10.0.0.1\n    next\nend\n', 3, /not available/],
    ['application-list without utm-status', 'config firewall policy\n    edit 1\n        set application-list "x"\n    next\nend\n', 3, /not available/],
    ['non-contiguous netmask', 'config firewall address\n    edit "a"\n        set subnet 10.0.0.0 255.0.255.0\n    next\nend\n', 3, /invalid value/],
    ['port 0', 'config firewall service custom\n    edit "s"\n        set tcp-portrange 0\n    next\nend\n', 3, /invalid value/],
    ['policy id 0 (next free id)', 'config firewall policy\n    edit 0\n    next\nend\n', 2, /invalid entry id/],
    ['comment inside a block', 'config firewall address\n# x\nend\n', 2, /comment inside/],
    ['carriage return', 'config firewall address\r\nend\n', 1, /carriage return/],
    ['non-ASCII', 'config firewall address\n    edit "Kläranlage"\n    next\nend\n', 2, /non-ASCII/],
    ['inline comment', 'config firewall address # x\nend\n', 1, /unexpected #/],
  ])('%s', (_name, text, line, message) => {
    let err: unknown;
    try { parseFortios(text); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(FortiosParseError);
    expect((err as FortiosParseError).line).toBe(line);
    expect((err as Error).message).toMatch(message);
  });

  it.each([
    ['reference to an undefined address', [...AB, 'set srcaddr "nope"', 'set dstaddr "all"', 'set service "ALL"'], /unknown IPv4 address "nope"/],
    ['srcaddr without dstaddr', [...AB, 'set srcaddr "all"', 'set service "ALL"'], /set together/],
    ['interface of a zone used directly', ['set srcintf "port1"', 'set dstintf "Z-b"', 'set srcaddr "all"', 'set dstaddr "all"', 'set service "ALL"'], /member of zone/],
    ['unknown service', [...AB, 'set srcaddr "all"', 'set dstaddr "all"', 'set service "HTTPS"'], /unknown service "HTTPS"/],
    ['unknown interface', ['set srcintf "port9"', 'set dstintf "Z-b"', 'set srcaddr "all"', 'set dstaddr "all"', 'set service "ALL"'], /unknown interface or zone/],
  ])('model: %s', (_name, lines, message) => {
    expect(() => model(policy(1, lines))).toThrow(message);
  });

  it('model: a group may only name objects defined above it', () => {
    const extra = ['config firewall addrgrp', '    edit "G"', '        set member "H-later"', '    next', 'end', 'config firewall address', '    edit "H-later"', '    next', 'end'];
    expect(() => model([], extra)).toThrow(/unknown IPv4 address "H-later"/);
  });

  it('model: an application list entry without a filter would match everything', () => {
    const extra = ['config application list', '    edit "A"', '        config entries', '            edit 1', '                set action block', '            next', '        end', '    next', 'end'];
    expect(() => model([], extra)).toThrow(/would match everything/);
  });
});

describe('FortiOS semantics', () => {
  const allowX = policy(20, [...AB, 'set srcaddr "H-x"', 'set dstaddr "R-y"', 'set action accept', 'set service "S-t"', 'set logtraffic all']);
  const denyAll = policy(10, [...AB, 'set srcaddr "all"', 'set dstaddr "all"', 'set action deny', 'set service "ALL"', 'set logtraffic all']);

  it('list order decides, not the policy id', () => {
    expect(evaluateFortios(model([...allowX, ...denyAll]), pkt())).toEqual({ action: 'allow', log: true, policy: '20' });
    expect(evaluateFortios(model([...denyAll, ...allowX]), pkt())).toEqual({ action: 'deny', log: true, policy: '10' });
  });

  it('status disable is skipped; no match is the implicit deny, not logged', () => {
    const disabled = policy(20, [...AB, 'set status disable', 'set srcaddr "all"', 'set dstaddr "all"', 'set action accept', 'set service "ALL"']);
    expect(evaluateFortios(model(disabled), pkt())).toEqual({ action: 'deny', log: false, policy: 'implicit' });
  });

  it('an IPv4-only policy does not match IPv6', () => {
    const m = model(allowX);
    expect(evaluateFortios(m, pkt({ family: 6, src: 5n, dst: 10n })).policy).toBe('implicit');
  });

  it('an ipmask address without subnet is 0.0.0.0/0 (FortiOS default)', () => {
    const extra = ['config firewall address', '    edit "EMPTY"', '    next', 'end'];
    const m = model(policy(1, [...AB, 'set srcaddr "EMPTY"', 'set dstaddr "EMPTY"', 'set action accept', 'set service "ALL"']), extra);
    expect(evaluateFortios(m, pkt({ src: 0xc0000201n, dst: 0x08080808n })).action).toBe('allow');
  });

  it.each([
    [{ dport: 502 }, 'allow'], [{ dport: 503 }, 'implicit'], [{ dport: 2010, sport: 1024 }, 'allow'], [{ dport: 2010, sport: 1023 }, 'implicit'],
    [{ proto: 'udp' as const }, 'implicit'], [{ dst: 0x0a000014n }, 'allow'], [{ dst: 0x0a000015n }, 'implicit'], [{ src: 0x0a000006n }, 'implicit'],
    [{ srcintf: 'port2', dstintf: 'port1' }, 'implicit'], [{ dstintf: 'port3' }, 'implicit'],
  ])('ports, ranges and interfaces, case %#', (over, want) => {
    const v = evaluateFortios(model(allowX), pkt(over));
    expect(want === 'allow' ? v.action : v.policy).toBe(want);
  });

  it('re-editing an existing id changes it in place and keeps its position', () => {
    const again = ['    edit 10', '        set action accept', '    next'];
    const m = model([...denyAll, ...allowX, ...again]);
    expect(m.policies.map((p) => p.id)).toEqual(['10', '20']);
    expect(evaluateFortios(m, pkt({ dport: 1 })).policy).toBe('10');
  });

  it('an established packet is decided as its reverse new session', () => {
    const m = model(allowX);
    const reply = pkt({ srcintf: 'port2', dstintf: 'port1', src: 0x0a00000an, dst: 0x0a000005n, sport: 502, dport: 40000, established: true });
    expect(evaluateFortios(m, reply)).toMatchObject({ action: 'allow', log: false });
  });

  it('OT application signatures only fire with ips global exclude-signatures none', () => {
    const app = ['config application list', '    edit "A"', '        config entries', '            edit 1', '                set application 48885', '                set action block', '                set log enable', '            next', '        end', '    next', 'end'];
    const pol = policy(1, [...AB, 'set srcaddr "all"', 'set dstaddr "all"', 'set action accept', 'set service "ALL"', 'set utm-status enable', 'set application-list "A"']);
    const db = [{ id: 48885, ot: true, transport: 'tcp' as const, ports: [502, 502] as [number, number], operations: [5] }];
    expect(evaluateFortios(model(pol, app), pkt({ operation: 5 }), db).action).toBe('allow');
    const on = [...app, 'config ips global', '    set exclude-signatures none', 'end'];
    expect(evaluateFortios(model(pol, on), pkt({ operation: 5 }), db)).toMatchObject({ action: 'deny', app: 'A/1' });
    expect(evaluateFortios(model(pol, on), pkt({ operation: 3 }), db).action).toBe('allow');
    expect(evaluateFortios(model(pol, on), pkt({ operation: 5, dport: 503 }), db).action).toBe('allow');
  });
});
