import { describe, expect, it } from 'vitest';
import { buildSiteControls } from '../../src/rules/buildSiteControls.js';
import { buildZoneBindings } from '../../src/rules/buildBoundaries.js';
import type { ServicesDoc } from '../support/modelFixtures.js';
import { fixtureCatalogs, modelFromDocument, waterPlantDoc } from '../support/modelFixtures.js';

const catalogs = fixtureCatalogs();

function controls(epId: string, services?: ServicesDoc) {
  const d = waterPlantDoc();
  if (services !== undefined) d.services = services;
  const model = modelFromDocument(d);
  const ep = model.enforcement.get(epId)!;
  return buildSiteControls(model, catalogs.platforms.get(ep.platform), buildZoneBindings(model, ep));
}

describe('buildSiteControls', () => {
  it('a firewall: syslog and ntp, no span', () => {
    expect(controls('fw-plant')).toEqual({ syslog: ['172.16.10.5'], ntp: ['172.16.10.6'] });
  });
  it('a platform without ntp support gets no ntp', () => {
    expect(controls('fw-control')).toEqual({ syslog: ['172.16.10.5'], ntp: [] });
  });
  it('a switch mirrors the interfaces of the zones the IDS watches', () => {
    expect(controls('sw-control')).toEqual({
      syslog: ['172.16.10.5'], ntp: ['172.16.10.6'],
      span: { sources: ['Vlan10', 'Vlan20'], destination: '10.20.2.99' },
    });
  });
  it('only watched zones; sorted, de-duplicated addresses', () => {
    expect(controls('sw-control', { syslog: ['172.16.10.7', '172.16.10.5', '172.16.10.7'], ids: { addresses: ['10.20.2.98', '10.20.2.99'], monitors: ['control'] } })).toEqual({
      syslog: ['172.16.10.5', '172.16.10.7'], ntp: [], span: { sources: ['Vlan10'], destination: '10.20.2.98' },
    });
  });
  it.each([
    ['no IDS', {}],
    ['IDS watching other zones', { ids: { address: '10.20.2.99', monitors: ['dmz'] } }],
  ])('no span with %s', (_n, services) => {
    expect(controls('sw-control', services as ServicesDoc).span).toBeUndefined();
  });
  it('unknown platform: nothing', () => {
    const model = modelFromDocument(waterPlantDoc());
    const ep = model.enforcement.get('fw-plant')!;
    expect(buildSiteControls(model, undefined, buildZoneBindings(model, ep))).toEqual({ syslog: [], ntp: [] });
  });
});
