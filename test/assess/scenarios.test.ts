import { describe, expect, it } from 'vitest';
import { slAchieved } from '../../src/assess/slAchieved.js';
import { analyzeDoc } from './helpers.js';

/** A small plant: enterprise (untrusted) - dmz - supervisory - control, one firewall. */
function plant(): Record<string, any> {
  return {
    otpc: 1,
    site: { id: 'test-site', name: 'Test site' },
    zones: {
      enterprise: { purdue: 4, 'sl-target': 1, criticality: 'low', trust: 'untrusted', networks: ['10.1.0.0/16'] },
      dmz: { purdue: 3.5, 'sl-target': 2, criticality: 'medium', networks: ['172.16.10.0/24'] },
      supervisory: { purdue: 2, 'sl-target': 2, criticality: 'high', networks: ['10.20.2.0/24'] },
      control: { purdue: 1, 'sl-target': 3, criticality: 'critical', networks: ['10.20.1.0/24'] },
    },
    assets: {
      'corp-pc': { zone: 'enterprise', type: 'other', address: '10.1.5.5' },
      'jump-1': { zone: 'dmz', type: 'jump-host', address: '172.16.10.10', capabilities: ['user-auth', 'mfa'] },
      'hmi-1': { zone: 'supervisory', type: 'hmi', address: '10.20.2.21', profile: 'unsupported-windows' },
      historian: { zone: 'supervisory', type: 'historian', address: '10.20.2.30' },
      'plc-1': { zone: 'control', type: 'plc', address: '10.20.1.11', profile: 'legacy-plc' },
    },
    conduits: {
      'enterprise-dmz': { zones: ['enterprise', 'dmz'], flows: [{ from: 'corp-pc', to: 'jump-1', protocol: 'rdp' }] },
      'dmz-supervisory': { zones: ['dmz', 'supervisory'], flows: [{ from: 'jump-1', to: 'hmi-1', protocol: 'rdp' }] },
      'supervisory-control': {
        zones: ['supervisory', 'control'],
        flows: [
          { from: 'hmi-1', to: 'plc-1', protocol: 'modbus' },
          { from: 'historian', to: 'plc-1', protocol: 'modbus', access: 'read-only' },
        ],
      },
    },
    enforcement: {
      'fw-1': { platform: 'nftables', interfaces: { enterprise: 'eth0', dmz: 'eth1', supervisory: 'eth2', control: 'eth3' } },
    },
    services: { syslog: '172.16.10.5', ntp: '172.16.10.6', 'jump-host': 'jump-1', ids: { address: '10.20.2.99', monitors: ['control'] } },
  };
}

function row(doc: Record<string, any>, device: string, req: string) {
  const a = analyzeDoc(doc);
  const d = a.assessment!.devices.find((x) => x.id === device)!;
  const r = d.requirements.find((x) => x.id === req);
  return { row: r, assessment: a.assessment! };
}

describe('control crediting follows the site (preconditions)', () => {
  it('boundary firewall: SR 5.2 compensated when every conduit of the zone is enforced', () => {
    expect(row(plant(), 'plc-1', 'SR 5.2').row).toMatchObject({ status: 'compensated', controls: ['boundary-firewall'] });
  });

  it('an unenforced conduit makes SR 5.2 a gap with the reason and a finding', () => {
    const doc = plant();
    delete doc.enforcement['fw-1'].interfaces.control;
    const { row: r, assessment } = row(doc, 'plc-1', 'SR 5.2');
    expect(r?.status).toBe('gap');
    expect(r?.reason).toContain('supervisory-control is not enforced');
    expect(assessment.findings.some((f) => f.code === 'OTPC703' && f.devices?.includes('plc-1'))).toBe(true);
  });

  it.each([
    ['logical', 'partial'],
    ['physical', 'compensated'],
  ])('SR 5.1 RE 1 with %s segmentation is %s', (segmentation, status) => {
    const doc = plant();
    doc.zones.control.segmentation = segmentation;
    expect(row(doc, 'plc-1', 'SR 5.1 RE 1').row?.status).toBe(status);
  });

  it('SR 1.13: compensated when remote access goes only through the jump host', () => {
    expect(row(plant(), 'hmi-1', 'SR 1.13').row).toMatchObject({ status: 'compensated' });
    expect(row(plant(), 'hmi-1', 'SR 1.13').row?.controls).toContain('jump-host');
  });

  it('SR 1.13: a direct RDP path from the enterprise leaves it partial and names the flow', () => {
    const doc = plant();
    doc.conduits['enterprise-supervisory'] = { zones: ['enterprise', 'supervisory'], flows: [{ from: 'corp-pc', to: 'hmi-1', protocol: 'rdp' }] };
    const { row: r } = row(doc, 'hmi-1', 'SR 1.13');
    expect(r?.status).toBe('partial');
    expect(JSON.stringify(r?.missing)).toContain('enterprise-supervisory: corp-pc -> hmi-1 rdp');
  });

  it('SR 1.13: an interactive hop from an exposed zone exposes the next zone too', () => {
    const doc = plant();
    doc.conduits['enterprise-supervisory'] = { zones: ['enterprise', 'supervisory'], flows: [{ from: 'corp-pc', to: 'historian', protocol: 'https' }] };
    doc.conduits['supervisory-control'].flows.push({ from: 'historian', to: 'plc-1', protocol: 'ssh' });
    expect(row(doc, 'plc-1', 'SR 1.13').row?.status).toBe('partial');
  });

  it('read-only Modbus on nftables credits protocol-filter; on cisco-ios it does not, with the reason', () => {
    expect(row(plant(), 'plc-1', 'SR 3.4').row?.controls).toContain('protocol-filter');
    const doc = plant();
    doc.enforcement['fw-1'].platform = 'cisco-ios';
    doc.enforcement['fw-1'].interfaces = { enterprise: 'Vlan10', dmz: 'Vlan11', supervisory: 'Vlan12', control: 'Vlan13' };
    const { row: r, assessment } = row(doc, 'plc-1', 'SR 3.4');
    expect(r?.controls ?? []).not.toContain('protocol-filter');
    expect(JSON.stringify(r?.missing)).toContain('cannot filter modbus operations');
    expect(assessment.findings.some((f) => f.code === 'OTPC704' && f.message.includes('read-only'))).toBe(true);
  });

  it('read-only on FortiOS needs the site-verified FortiGuard ids', () => {
    const doc = plant();
    doc.enforcement['fw-1'].platform = 'fortios';
    doc.enforcement['fw-1'].interfaces = { enterprise: 'port1', dmz: 'port2', supervisory: 'port3', control: 'port4' };
    expect(row(doc, 'plc-1', 'SR 3.4').row?.controls ?? []).not.toContain('protocol-filter');
    doc.enforcement['fw-1'].options = { 'fortiguard-app-modbus-write': '48885 48886' };
    expect(row(doc, 'plc-1', 'SR 3.4').row?.controls).toContain('protocol-filter');
  });

  it('rate limits are credited only where every requested key is enforceable', () => {
    const doc = plant();
    doc.conduits['supervisory-control']['rate-limit'] = { 'max-connections': 16, 'per-source-connections': 4 };
    expect(row(doc, 'plc-1', 'SR 7.1 RE 1').row?.status).toBe('compensated');
    doc.conduits['supervisory-control']['rate-limit']['max-embryonic'] = 4;
    const { row: r, assessment } = row(doc, 'plc-1', 'SR 7.1 RE 1');
    expect(r?.status).not.toBe('compensated');
    expect(assessment.findings.some((f) => f.code === 'OTPC704' && f.message.includes('max-embryonic'))).toBe(true);
  });

  it('removing the IDS from the control zone removes the SR 6.2 credit', () => {
    expect(row(plant(), 'plc-1', 'SR 6.2').row?.status).toBe('compensated');
    const doc = plant();
    doc.services.ids.monitors = ['supervisory'];
    expect(row(doc, 'plc-1', 'SR 6.2').row?.status).toBe('partial');
  });

  it('a requirement no network control can compensate is a gap marked notCompensable', () => {
    const { row: r } = row(plant(), 'plc-1', 'SR 3.7');
    expect(r).toMatchObject({ status: 'gap', notCompensable: true });
  });

  it('a valid waiver turns a gap into waived; one expiring before the assessment date is ignored', () => {
    const doc = plant();
    doc.waivers = [{ asset: 'plc-1', requirement: 'SR 3.7', reason: 'replacement 2028', 'approved-by': 'Plant manager', expires: '2027-12-31' }];
    expect(row(doc, 'plc-1', 'SR 3.7').row).toMatchObject({ status: 'waived', waiver: { expires: '2027-12-31' } });
  });

  it('a zone waiver applies to every device of the zone', () => {
    const doc = plant();
    doc.waivers = [{ zone: 'control', requirement: 'SR 3.7', reason: 'r', 'approved-by': 'a', expires: '2027-12-31' }];
    expect(row(doc, 'plc-1', 'SR 3.7').row?.status).toBe('waived');
  });

  it('a conduit with a higher SL-T raises communication requirements of its devices', () => {
    const doc = plant();
    doc.conduits['dmz-supervisory']['sl-target'] = 4;
    const { row: r } = row(doc, 'hmi-1', 'SR 4.1 RE 2');
    expect(r?.sl).toBe(4);
    expect(r?.reason).toContain('required by conduit dmz-supervisory');
    expect(row(plant(), 'hmi-1', 'SR 4.1 RE 2').row).toBeUndefined();
  });
});

describe('slAchieved', () => {
  const r = (fr: 'FR1' | 'FR5', sl: number, status: 'native' | 'compensated' | 'partial' | 'gap' | 'waived') => ({ fr, sl, status });
  it.each([
    ['all met to 4', [r('FR1', 1, 'native'), r('FR1', 2, 'compensated'), r('FR1', 4, 'native')], 4],
    ['a level-2 gap caps at 1', [r('FR1', 1, 'native'), r('FR1', 2, 'gap'), r('FR1', 3, 'native')], 1],
    ['waived does not count', [r('FR1', 1, 'waived')], 0],
    ['partial does not count', [r('FR1', 1, 'native'), r('FR1', 3, 'partial')], 2],
  ])('%s', (_name, rows, want) => {
    expect(slAchieved(rows).FR1).toBe(want);
    expect(slAchieved(rows).FR5).toBe(4);
  });
});
