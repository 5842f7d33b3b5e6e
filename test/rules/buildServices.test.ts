import { describe, expect, it } from 'vitest';
import { serviceName, serviceObject, servicesForProtocol, ServiceTable } from '../../src/rules/buildServices.js';
import type { PortSpec } from '../../src/model/types.js';
import { fixtureCatalogs, resolveProtocol } from '../support/modelFixtures.js';

describe('serviceName', () => {
  it.each<[PortSpec, string | undefined, string]>([
    [{ transport: 'tcp', ports: [502, 502] }, 'modbus', 'modbus-tcp-502'],
    [{ transport: 'udp', ports: [20000, 20000] }, 'dnp3', 'dnp3-udp-20000'],
    [{ transport: 'tcp', ports: [2222, 2222] }, undefined, 'tcp-2222'],
    [{ transport: 'tcp', ports: [2000, 2010] }, undefined, 'tcp-2000-2010'],
    [{ transport: 'udp', ports: [1, 65535] }, undefined, 'udp-1-65535'],
    [{ transport: 'tcp', ports: [5450, 5460] }, 'osisoft-pi', 'osisoft-pi-tcp-5450-5460'],
  ])('%j %s -> %s', (port, catalogId, want) => {
    expect(serviceName(port, catalogId)).toBe(want);
    const svc = serviceObject(port, catalogId);
    expect(svc.id).toBe(`svc:${want}`);
    expect(svc.protocol).toBe(catalogId);
  });
});

describe('servicesForProtocol', () => {
  const catalogs = fixtureCatalogs();
  it.each([
    ['dnp3', [['svc:dnp3-tcp-20000', 'tcp'], ['svc:dnp3-udp-20000', 'udp']]],
    ['enip', [['svc:enip-tcp-44818', 'tcp'], ['svc:enip-udp-2222', 'udp'], ['svc:enip-udp-44818', 'udp']]],
    ['tcp/2000-2010', [['svc:tcp-2000-2010', 'tcp']]],
    ['udp/47808', [['svc:udp-47808', 'udp']]],
  ])('%s: one object per transport and port range, never tcp+udp', (name, want) => {
    const got = servicesForProtocol(resolveProtocol(name, catalogs));
    expect(got.map((s) => [s.id, s.transport])).toEqual(want);
  });
});

describe('ServiceTable', () => {
  it('de-duplicates by id and sorts', () => {
    const t = new ServiceTable();
    t.add(serviceObject({ transport: 'tcp', ports: [502, 502] }, 'modbus'));
    t.add(serviceObject({ transport: 'tcp', ports: [502, 502] }));
    t.add(serviceObject({ transport: 'tcp', ports: [502, 502] }, 'modbus'));
    expect(t.list().map((s) => s.id)).toEqual(['svc:modbus-tcp-502', 'svc:tcp-502']);
  });

  it('refuses one id for two port ranges', () => {
    const t = new ServiceTable();
    t.add({ id: 'svc:x', name: 'x', transport: 'tcp', ports: [1, 1] });
    expect(() => t.add({ id: 'svc:x', name: 'x', transport: 'udp', ports: [1, 1] })).toThrow(/two different/);
  });
});
