/**
 * A small plant for the unit tests of discover, simulate and plan, with one observed
 * flow for every case the reports distinguish (written next to it).
 */
export const POLICY = `otpc: 1
site: { id: test-plant, name: Test Plant }
rollout: { baseline-start: 2026-09-01, baseline-days: 30 }
zones:
  sup: { purdue: 2, sl-target: 2, criticality: high, networks: [10.0.1.0/24] }
  ctl: { purdue: 1, sl-target: 3, criticality: critical, networks: [10.0.2.0/24] }
  dmz: { purdue: 3.5, sl-target: 2, criticality: medium, networks: [10.0.3.0/24] }
  remote: { purdue: 1, sl-target: 1, criticality: low, networks: [10.0.4.0/24] }
assets:
  hmi: { zone: sup, type: hmi, address: 10.0.1.10 }
  hist: { zone: sup, type: historian, address: 10.0.1.20 }
  plc: { zone: ctl, type: plc, address: 10.0.2.10 }
  plc2: { zone: ctl, type: plc, address: 10.0.2.11 }
  stale: { zone: ctl, type: drive, address: 10.0.2.99 }
  srv: { zone: dmz, type: server, address: 10.0.3.10 }
  rtu: { zone: remote, type: rtu, address: 10.0.4.10 }
conduits:
  sup-ctl:
    zones: [sup, ctl]
    flows:
      - { from: hmi, to: plc, protocol: modbus }
      - { from: hist, to: [plc, plc2], protocol: modbus, access: read-only }
  sup-dmz:
    zones: [sup, dmz]
    flows:
      - { from: hist, to: srv, protocol: https }
  sup-remote:
    zones: [sup, remote]
    flows:
      - { from: hmi, to: rtu, protocol: dnp3 }
enforcement:
  fw: { platform: nftables, interfaces: { sup: eth0, ctl: eth1, dmz: eth2 } }
services:
  ids: { address: 10.0.1.99, monitors: [sup, ctl] }
`;

/** Observed flows: line 2 onwards, one per case. */
export const FLOWS = [
  'src,dst,proto,sport,dport,packets,bytes,first,last,operations',
  '10.0.1.10,10.0.2.10,tcp,50000,502,10,1000,2026-09-01T00:00:00Z,2026-09-01T01:00:00Z,3;16', // allowed (sup-ctl hmi -> plc)
  '10.0.2.10,10.0.1.10,tcp,502,50001,10,1000,2026-09-02T00:00:00Z,2026-09-02T01:00:00Z,3', // the same, written responder first: re-oriented
  '10.0.1.20,10.0.2.10,tcp,50002,502,10,1000,2026-09-01T00:00:00Z,2026-09-20T00:00:00Z,3;4', // read-only, reads only
  '10.0.1.20,10.0.2.11,tcp,50003,502,10,1000,2026-09-01T00:00:00Z,2026-09-20T00:00:00Z,3;6', // read-only with a write (6): dropped in enforce
  '10.0.2.10,10.0.1.10,tcp,50004,2222,5,500,2026-09-03T00:00:00Z,2026-09-03T00:05:00Z,', // uncovered ctl -> sup: blocked
  '10.0.1.10,10.0.1.20,tcp,50005,445,5,500,2026-09-03T00:00:00Z,2026-09-03T00:05:00Z,', // inside one zone
  '10.0.1.10,10.0.4.10,udp,50006,20000,5,500,2026-09-03T00:00:00Z,2026-09-03T00:05:00Z,', // covered, but no enforcement point joins sup and remote
  '10.0.1.10,8.8.8.8,udp,50007,53,1,80,2026-09-04T00:00:00Z,2026-09-04T00:00:01Z,', // outside every zone
  '10.0.1.77,10.0.2.10,tcp,50008,502,3,300,2026-09-05T00:00:00Z,2026-09-05T00:01:00Z,5', // undocumented device in sup: blocked
  '10.0.2.10,10.0.2.255,udp,137,137,1,90,2026-09-05T00:00:00Z,2026-09-05T00:00:00Z,', // directed broadcast: local
  '10.0.3.10,10.0.1.20,tcp,50009,5450,2,200,2026-09-06T00:00:00Z,2026-09-06T00:00:10Z,', // dmz -> sup, uncovered: blocked
  'not-an-address,10.0.2.10,tcp,1,502,1,1,,,', // bad line 13
].join('\n');
