import { describe, expect, it } from 'vitest';
import { analysisFindings, conduit, located, site } from './sitePolicy.js';

/**
 * OTPC751 shadowed and OTPC752 redundant rules, through the real pipeline. Rule order
 * in the unoptimised IR follows the flows' canonical keys ("<from>><to>:<protocol>:<access>"),
 * then read-only (dpi) rules after plain ones, so the ids chosen below decide which
 * flow comes first.
 */
const DPI = { 'fortiguard-app-modbus-write': '48885' };

describe('OTPC751 shadowed rules', () => {
  it('a flow whose packets an earlier zone-wide flow already allows', () => {
    // "supervisory>..." sorts before "ws-1>...": the zone flow comes first.
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control',
      { from: 'supervisory', to: 'plc-1', protocol: 'modbus' },
      { from: 'ws-1', to: 'plc-1', protocol: 'modbus' }) }));
    expect(located(f, 'OTPC751')).toEqual(['OTPC751 warning /conduits/supervisory-control/flows/1']);
    expect(located(f, 'OTPC752')).toEqual([]);
    const msg = f.find((x) => x.code === 'OTPC751')!.message;
    expect(msg).toBe('flow supervisory-control: ws-1 -> plc-1 modbus (rule supervisory-control.2) can never match on fw-1: earlier rule supervisory-control.1 already decides all its packets');
    expect(f.find((x) => x.code === 'OTPC751')!.devices).toEqual(['plc-1']);
  });

  it('a read-only flow under a read-write flow: its filter never applies (it is said)', () => {
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control',
      { from: 'supervisory', to: ['plc-1', 'plc-2'], protocol: 'modbus' },
      { from: 'hist', to: 'plc-1', protocol: 'modbus', access: 'read-only' }) }, { options: DPI }));
    const hit = f.find((x) => x.code === 'OTPC751');
    expect(hit?.pointer).toBe('/conduits/supervisory-control/flows/1');
    // The read-only rule is .1 by key ("hist>..." < "supervisory>..."), but dpi rules go after plain ones.
    expect(hit?.message).toMatch(/\(rule supervisory-control\.1\) can never match on fw-1: earlier rule supervisory-control\.2 already decides all its packets, so its read-only filter never applies$/);
  });

  it('two flows that together cover a third', () => {
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control',
      { from: 'hmi-1', to: ['plc-1', 'plc-2'], protocol: 'tcp/500-510' },
      { from: 'hmi-1', to: ['plc-1', 'plc-2'], protocol: 'tcp/511-520' },
      { from: 'hmi-1', to: 'plc-1', protocol: 'tcp/505-515' }) }));
    expect(located(f, 'OTPC751')).toEqual(['OTPC751 warning /conduits/supervisory-control/flows/2']);
    expect(f.find((x) => x.code === 'OTPC751')!.message).toContain('earlier rules supervisory-control.1, supervisory-control.2 already decide');
  });

  it('a flow from a zone that lists no networks matches nothing', () => {
    const doc = site({ c: conduit('lab', 'control', { from: 'lab', to: 'plc-1', protocol: 'modbus' }) });
    (doc.zones as Record<string, unknown>).lab = { purdue: 1, 'sl-target': 1, criticality: 'low' };
    doc.enforcement['fw-1'].interfaces = { ...(doc.enforcement['fw-1'].interfaces as object), lab: 'port5' };
    const f = analysisFindings(doc);
    expect(located(f, 'OTPC751')).toEqual(['OTPC751 warning /conduits/c/flows/0']);
    expect(f.find((x) => x.code === 'OTPC751')!.message).toContain('it matches no address');
  });

  it('not shadowed: different sources, or only partly covered', () => {
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control',
      { from: 'hmi-1', to: 'plc-1', protocol: 'modbus' },
      { from: 'hist', to: 'plc-1', protocol: 'modbus', access: 'read-only' },
      { from: 'hmi-1', to: ['plc-1', 'plc-2'], protocol: 'tcp/503-510' }) }, { options: DPI }));
    expect(located(f, 'OTPC751')).toEqual([]);
    expect(located(f, 'OTPC752')).toEqual([]);
  });
});

describe('OTPC752 redundant rules', () => {
  it('a flow a later flow with the same action covers (order aside)', () => {
    // "hmi-1>..." sorts before "supervisory>...": the asset flow comes first and is not shadowed.
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control',
      { from: 'hmi-1', to: 'plc-1', protocol: 'modbus' },
      { from: 'supervisory', to: 'plc-1', protocol: 'modbus' }) }));
    expect(located(f, 'OTPC752')).toEqual(['OTPC752 warning /conduits/supervisory-control/flows/0']);
    expect(f.find((x) => x.code === 'OTPC752')!.message).toBe('flow supervisory-control: hmi-1 -> plc-1 modbus (rule supervisory-control.1) is redundant on fw-1: rule supervisory-control.2 allows all its packets the same way');
    expect(located(f, 'OTPC751')).toEqual([]);
  });

  it('not redundant when the covering flow decides differently (a read-only flow under a later read-write one)', () => {
    const f = analysisFindings(site({ 'supervisory-control': conduit('supervisory', 'control',
      { from: 'hist', to: 'plc-1', protocol: 'modbus', access: 'read-only' },
      { from: 'supervisory', to: 'plc-1', protocol: 'tcp/1-1000' }) }));
    expect(located(f, 'OTPC752')).toEqual([]);
  });
});
