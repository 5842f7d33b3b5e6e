import { describe, expect, it } from 'vitest';
import { analysisFindings, conduit, located, site } from './sitePolicy.js';

describe('OTPC753 zone-wide industrial flow where few assets answer it', () => {
  const extra = { assets: { 'panel-1': { zone: 'control', type: 'hmi', address: '10.20.1.31' }, 'sw-1': { zone: 'control', type: 'network', address: '10.20.1.2' } } };

  it('modbus to all of a zone where 2 of 4 assets are field devices', () => {
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control', { from: 'hmi-1', to: 'control', protocol: 'modbus' }) }, extra));
    expect(located(f, 'OTPC753')).toEqual(['OTPC753 warning /conduits/supervisory-control/flows/0']);
    const hit = f.find((x) => x.code === 'OTPC753')!;
    expect(hit.message).toBe('flow supervisory-control: hmi-1 -> control modbus opens modbus to all of zone control (4 assets) but only 2 (plc-1, plc-2) are field devices that answer it; name those assets instead of the zone');
    expect(hit.devices).toEqual(['panel-1', 'sw-1']);
  });

  it.each([
    ['every asset of the zone answers the protocol', {}, 'modbus'],
    ['a non-industrial protocol', extra, 'https'],
  ])('not flagged: %s', (_name, more, protocol) => {
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control', { from: 'hmi-1', to: 'control', protocol }) }, more));
    expect(located(f, 'OTPC753')).toEqual([]);
  });

  it('not flagged: a zone-wide SOURCE (every device sending to one collector)', () => {
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control', { from: 'control', to: 'hist', protocol: 'modbus' }) }, extra));
    expect(located(f, 'OTPC753')).toEqual([]);
  });
});

describe('OTPC754 very wide raw port ranges', () => {
  it.each([
    ['tcp/1-65535', ['OTPC754 warning /conduits/supervisory-control/flows/0'], 'every port'],
    ['udp/1000-2100', ['OTPC754 warning /conduits/supervisory-control/flows/0'], '1101 ports'],
    ['tcp/1-1024', [], ''],
    ['tcp/2222', [], ''],
    ['dnp3', [], ''],
  ])('%s', (protocol, want, text) => {
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control', { from: 'hmi-1', to: 'plc-1', protocol }) }));
    expect(located(f, 'OTPC754')).toEqual(want);
    if (text) expect(f.find((x) => x.code === 'OTPC754')!.message).toContain(text);
  });
});

describe('OTPC755 up the SL-T ladder without a DMZ, and OTPC756 conduits that skip a Purdue level', () => {
  it.each([
    ['enterprise (4) -> supervisory (2), higher SL-T', 'enterprise', 'supervisory', 'ent-pc', 'hmi-1', ['/conduits/c/flows/0'], ['/conduits/c']],
    ['enterprise (4) -> control (1), higher SL-T', 'enterprise', 'control', 'ent-pc', 'plc-1', ['/conduits/c/flows/0'], ['/conduits/c']],
    ['enterprise (4) -> DMZ (3.5): through the DMZ', 'enterprise', 'dmz', 'ent-pc', 'dmz-hist', [], []],
    ['DMZ (3.5) -> supervisory (2): normal architecture (span 1.5)', 'dmz', 'supervisory', 'dmz-jump', 'hmi-1', [], []],
    ['DMZ (3.5) -> control (1): skips level 2 (span 2.5), but through a DMZ', 'dmz', 'control', 'dmz-jump', 'plc-1', [], ['/conduits/c']],
    ['supervisory (2) -> enterprise (4): lower SL-T at the destination', 'supervisory', 'enterprise', 'hist', 'ent-pc', [], ['/conduits/c']],
    ['supervisory (2) -> control (1): adjacent', 'supervisory', 'control', 'hmi-1', 'plc-1', [], []],
  ])('%s', (_name, a, b, from, to, flows755, conduits756) => {
    const f = analysisFindings(site({ c: conduit(a, b, { from, to, protocol: 'https' }) }));
    expect(f.filter((x) => x.code === 'OTPC755').map((x) => x.pointer)).toEqual(flows755);
    expect(f.filter((x) => x.code === 'OTPC756').map((x) => x.pointer)).toEqual(conduits756);
  });

  it('the messages give the levels and the FRs', () => {
    const f = analysisFindings(site({ c: conduit('enterprise', 'control', { from: 'ent-pc', to: 'plc-1', protocol: 'https' }) }));
    expect(f.find((x) => x.code === 'OTPC755')!.message).toBe('flow c: ent-pc -> plc-1 https goes from enterprise (Purdue 4) straight into control (Purdue 1), a higher SL-T (FR1 1 -> 3, FR2 1 -> 3, FR3 1 -> 3, FR4 1 -> 3, FR5 1 -> 3, FR6 1 -> 3, FR7 1 -> 3), without passing a DMZ');
    expect(f.find((x) => x.code === 'OTPC756')!.message).toBe('conduit c joins control (Purdue 1) and enterprise (Purdue 4), 3 levels apart: it skips a level that should broker the traffic (a DMZ or supervisory zone in between)');
  });
});
