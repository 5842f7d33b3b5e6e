import { describe, expect, it } from 'vitest';
import { ciscoAsaBackend } from '../../../src/backends/cisco-asa/index.js';
import { buildCorpus } from '../../support/packetCorpus.js';
import { RIVERSIDE_NETS, asaContext, range, riverside } from '../../backends/cisco-asa/fixtures.js';
import { differences } from './harness.js';
import type { ZoneNets } from './harness.js';
import { AsaParseError, parseAsa } from './parseAsa.js';

/**
 * The oracle must catch a wrong configuration: each mutation of a correct rendering
 * either fails to parse or changes the verdict of some corpus packet.
 */
const NETS: ZoneNets = new Map(Object.entries(RIVERSIDE_NETS).map(([z, t]) => [z, t.map(range)]));

const MUTATIONS: [string, 'enforce' | 'monitor', (t: string) => string][] = [
  ['a permit turned into deny', 'enforce', (t) => t.replace('extended permit object S_modbus-tcp-502', 'extended deny object S_modbus-tcp-502')],
  ['a service port off by one', 'enforce', (t) => t.replace('service tcp destination eq 502', 'service tcp destination eq 503')],
  ['a range end off by one', 'enforce', (t) => t.replace('range 192.0.2.200 192.0.2.210', 'range 192.0.2.200 192.0.2.209')],
  ['a subnet mask one bit wider', 'enforce', (t) => t.replace('subnet 10.20.2.64 255.255.255.192', 'subnet 10.20.2.0 255.255.255.128')],
  ['an IPv6 host changed', 'enforce', (t) => t.replace('host 2001:db8:20:1::11', 'host 2001:db8:20:1::12')],
  ['tcp and udp merged into tcp-udp on one port', 'enforce', (t) => t.replace('service udp destination eq 2222', 'service tcp-udp destination eq 44818')],
  ['an access-group missing', 'enforce', (t) => t.replace('access-group ACL_dmz_IN in interface dmz\n', '')],
  ['access-groups on swapped interfaces', 'enforce', (t) => t.replace('in interface dmz', 'in interface TMP').replace('access-group ACL_control_IN in interface control', 'access-group ACL_control_IN in interface dmz').replace('in interface TMP', 'in interface control')],
  ['a boundary deny turned into permit', 'enforce', (t) => t.replace('extended deny ip any4 object N_dmz', 'extended permit ip any4 object N_dmz')],
  ['a boundary deny without logging', 'enforce', (t) => t.replace(/(ACL_dmz_IN extended deny ip any4 object-group N_control) log warnings interval 60/, '$1 log disable')],
  ['a flow entry made inactive', 'enforce', (t) => t.replace(/(extended permit object S_ssh-tcp-22 .*)$/m, '$1 inactive')],
  ['the catch-all moved first', 'monitor', (t) => t.replace(/(access-list ACL_supervisory_IN remark IEC[^\n]*\n)/, '$1access-list ACL_supervisory_IN extended deny ip any4 any4 log warnings interval 60\n')],
  ['a remark whose newline became a command', 'enforce', (t) => t.replace('remark control-dmz.1 plc-1', 'remark x\npermit ip any any\naccess-list ACL_control_IN remark control-dmz.1 plc-1')],
  ['any6 widened to any', 'enforce', (t) => t.replace('ACL_control_IN extended deny ip any6 object-group N_supervisory', 'ACL_control_IN extended permit ip any object-group N_supervisory')],
];

describe('cisco-asa oracle catches wrong configurations', () => {
  it.each(MUTATIONS)('%s', (_name, phase, mutate) => {
    const ep = riverside(phase);
    const good = ciscoAsaBackend.render(ep, asaContext()).text;
    const bad = mutate(good);
    expect(bad).not.toBe(good);
    const corpus = buildCorpus(ep, { max: 6000, networks: [...NETS.values()].flat() });
    let caught: boolean;
    try {
      caught = differences(ep, parseAsa(bad), corpus, NETS, { limit: 1 }).length > 0;
    } catch (err) {
      caught = err instanceof AsaParseError;
    }
    expect(caught).toBe(true);
  });
});
