// Deterministic generator of large, realistic plants for the benchmark (issue 7 part 3).
// No dependencies: the YAML is written as text, so the generator's own speed and output
// never depend on the library under test. Same (assets, seed) -> byte-identical YAML.
//
// Shape (IEC 62443-3-2 zone model on a Purdue layering, as in examples/*.yaml):
// - upper layers: enterprise (Purdue 4, untrusted), industrial DMZ (3.5), site operations (3);
// - one area per process unit: area supervisory (2), several control cells (1), one safety
//   zone (1, SIS, SL-T 3) and a field/drive zone (0); about 20 assets per zone;
// - conduits only between adjacent layers: enterprise-DMZ, DMZ-site ops, site ops-area
//   supervisory, area supervisory-cell/safety/field, and one cell-safety interlock per area;
// - flows with catalogued protocols and raw ports, asset, list and zone endpoints,
//   read-only polling, rate limits on the safety conduits and on some write flows;
// - enforcement: one FortiGate for the upper layers; per area one smaller enforcement point
//   (round robin over cisco-asa, cisco-ios, nftables and fortios) joining the site-ops uplink
//   and the area's zones, i.e. about a dozen interfaces, never hundreds;
// - IPv4 everywhere, IPv6 networks on the supervisory zones with some dual-stack hosts;
// - site services, and waivers on about 1 % of the assets.

import { mulberry32 } from './prng.js';

/** The seeded generator (mulberry32) with the helpers the generator uses. */
function prng(seed) {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** Per-area controller families: vendor, models, the protocol HMIs use, engineering port. */
const FAMILIES = [
  { vendor: 'Rockwell Automation', models: ['ControlLogix 1756-L72', 'CompactLogix 1769-L33ER', 'SLC 5/05'], protocol: 'enip', eng: 'tcp/2222', years: [2008, 2016] },
  { vendor: 'Siemens', models: ['S7-300 CPU 315-2 PN/DP', 'S7-1500 CPU 1516-3 PN/DP', 'S7-400 CPU 414-3'], protocol: 's7comm', eng: 'tcp/102', years: [2006, 2017] },
  { vendor: 'Schneider Electric', models: ['Modicon M340 BMX P34 2020', 'Modicon M580 BME P58 2040', 'Quantum 140 CPU 651 60'], protocol: 'modbus', eng: 'tcp/502', years: [2007, 2018] },
  { vendor: 'Mitsubishi Electric', models: ['MELSEC iQ-R R04CPU', 'MELSEC Q03UDVCPU'], protocol: 'melsec', eng: 'tcp/5007', years: [2010, 2019] },
  { vendor: 'Omron', models: ['CJ2M-CPU33', 'NJ501-1300'], protocol: 'fins', eng: 'udp/9600', years: [2009, 2016] },
];
/** Protocols a historian polls read-only (operations catalogued; fortios/nftables filter modbus). */
const POLL = { enip: 'modbus', s7comm: 's7comm', modbus: 'modbus', melsec: 'melsec', fins: 'fins' };
const PLC_PROFILES = ['legacy-plc', 'legacy-plc', 'legacy-plc', 'cleartext-field-device', 'certified-4-2'];
const HMI_PROFILES = ['unsupported-windows', 'unsupported-windows', 'modern-windows'];
const PLATFORMS = ['cisco-asa', 'cisco-ios', 'nftables', 'fortios'];

/** Interface names valid for each vendor (test/support/arbitraryPolicy.ts uses the same styles). */
function interfaceName(platform, n) {
  switch (platform) {
    case 'fortios': return `port${n + 1}`;
    case 'cisco-ios': return `Vlan${(n + 1) * 10}`;
    case 'cisco-asa': return `inside${n + 1}`;
    default: return `eth${n}`;
  }
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Quote a YAML scalar only when needed (the generator writes only simple text). */
function q(s) {
  return /^[A-Za-z][A-Za-z0-9 ./()-]*$/.test(s) && !/^(true|false|null|yes|no|on|off)$/i.test(s) ? s : JSON.stringify(s);
}

function endpointText(e) {
  return Array.isArray(e) ? `[${e.join(', ')}]` : e;
}

/**
 * The plan of zones: 3 upper zones plus areas of about 10 zones, `zones` in total.
 * Cells take what is left after supervisory, safety and field zones.
 */
function planZones(totalZones) {
  const areas = Math.max(1, Math.round((totalZones - 3) / 10));
  const perArea = totalZones - 3;
  const plan = [];
  for (let a = 0; a < areas; a++) {
    const share = Math.floor(perArea / areas) + (a < perArea % areas ? 1 : 0);
    const cells = Math.max(1, share - (share >= 5 ? 3 : 2));
    plan.push({ area: a + 1, cells, field: share >= 5 });
  }
  return plan;
}

class PlantBuilder {
  constructor(size, seed) {
    this.rnd = prng(seed);
    this.size = size;
    this.zones = [];
    this.assets = [];
    this.conduits = [];
    this.enforcement = [];
    this.waivers = [];
    this.zoneIndex = 0;
  }

  zone(id, attrs) {
    const k = this.zoneIndex++;
    const z = { id, assets: [], byType: {}, ...attrs, k };
    this.zones.push(z);
    return z;
  }

  /** Host i of a zone: /24 zones hold up to 240 hosts, the upper zones are /22. */
  address(z, i) {
    const [a, b, c] = z.base;
    const host = 10 + i;
    return `${a}.${b}.${c + (host >> 8)}.${host & 255}`;
  }

  asset(z, type, attrs = {}) {
    const n = (z.byType[type] = (z.byType[type] ?? 0) + 1);
    const id = `${z.id}-${type}-${pad(n)}`;
    const v4 = this.address(z, z.assets.length);
    const asset = { id, zone: z.id, type, v4, ...attrs };
    if (z.v6 && (type === 'server' || type === 'historian' || this.rnd.chance(0.15))) asset.v6 = `${z.v6}${(z.assets.length + 16).toString(16)}`;
    z.assets.push(asset);
    this.assets.push(asset);
    return asset;
  }

  of(z, type) {
    return z.assets.filter((a) => a.type === type);
  }
}

function upperZones(b, upperAssets) {
  const ent = b.zone('enterprise', { name: 'Corporate network', purdue: 4, sl: 1, criticality: 'low', trust: 'untrusted', nets: ['10.1.0.0/16'], base: [10, 1, 0] });
  const dmz = b.zone('idmz', { name: 'Industrial DMZ', purdue: 3.5, sl: 2, criticality: 'medium', nets: ['172.16.0.0/22', 'fd00:16::/64'], base: [172, 16, 0], v6: 'fd00:16::' });
  const ops = b.zone('site-ops', { name: 'Site operations', purdue: 3, sl: 2, criticality: 'high', nets: ['10.2.0.0/22', 'fd00:2::/64'], base: [10, 2, 0], v6: 'fd00:2::' });
  // fixed roles first (services and conduit endpoints rely on them), then fill
  for (const t of ['server', 'server', 'server', 'network']) b.asset(ent, t, { profile: t === 'network' ? 'network-appliance' : 'modern-windows' });
  b.asset(dmz, 'jump-host', { profile: 'modern-windows', capabilities: ['mfa'], vendor: 'Dell', model: 'PowerEdge R450' });
  for (const t of ['historian', 'server', 'server', 'server']) b.asset(dmz, t, { profile: 'modern-windows' });
  // historian, log relay, domain controller (NTP), engineering, backup, IDS sensor
  for (const t of ['historian', 'server', 'server', 'ews', 'server', 'network']) b.asset(ops, t, { profile: t === 'network' ? 'network-appliance' : 'modern-windows', essential: t === 'historian' });
  const extra = Math.max(0, upperAssets - 15);
  for (let i = 0; i < extra; i++) {
    const z = [ent, dmz, ops][i % 3];
    b.asset(z, z === ops && i % 2 ? 'hmi' : 'server', { profile: b.rnd.pick(['modern-windows', 'modern-windows', 'unsupported-windows']) });
  }
  return { ent, dmz, ops };
}

function plcAttrs(b, fam) {
  const year = b.rnd.int(fam.years[0], fam.years[1]);
  return { vendor: fam.vendor, model: b.rnd.pick(fam.models), firmware: `${b.rnd.int(2, 32)}.${b.rnd.int(0, 19)}`, year, profile: b.rnd.pick(PLC_PROFILES), essential: b.rnd.chance(0.3) };
}

/** One area: supervisory, cells, safety, field; `take()` gives each zone's asset count in turn. */
function buildArea(b, spec, take) {
  const a = pad(spec.area, 3);
  const fam = FAMILIES[(spec.area - 1) % FAMILIES.length];
  const k = b.zoneIndex;
  const base = (i) => [10, 16 + ((k + i) >> 8), (k + i) & 255];
  const sup = b.zone(`a${a}-sup`, { name: `Area ${spec.area} supervisory`, purdue: 2, sl: 2, criticality: 'high', base: base(0), v6: `fd00:a:${(spec.area).toString(16)}::` });
  sup.nets = [`${base(0).join('.')}.0/24`, `${sup.v6}/64`];
  const cells = [];
  for (let c = 1; c <= spec.cells; c++) {
    const z = b.zone(`a${a}-cell-${pad(c)}`, { name: `Area ${spec.area} cell ${c}`, purdue: 1, sl: b.rnd.pick([2, 2, 3]), criticality: b.rnd.pick(['high', 'critical']), base: base(c) });
    z.nets = [`${z.base.join('.')}.0/24`];
    z.portSecurity = b.rnd.chance(0.3);
    cells.push(z);
  }
  const sis = b.zone(`a${a}-sis`, { name: `Area ${spec.area} safety system`, purdue: 1, sl: 3, criticality: 'critical', base: base(spec.cells + 1), physical: true });
  sis.nets = [`${sis.base.join('.')}.0/24`];
  const field = spec.field ? b.zone(`a${a}-field`, { name: `Area ${spec.area} drives and field I/O`, purdue: 0, sl: 2, criticality: 'high', base: base(spec.cells + 2) }) : undefined;
  if (field) field.nets = [`${field.base.join('.')}.0/24`];

  const supCount = take();
  for (const t of ['hmi', 'hmi', 'ews', 'historian', 'server']) b.asset(sup, t, { profile: t === 'hmi' ? b.rnd.pick(HMI_PROFILES) : 'modern-windows' });
  for (let i = 5; i < supCount; i++) b.asset(sup, 'hmi', { profile: b.rnd.pick(HMI_PROFILES) });
  for (const z of cells) {
    const count = take();
    for (let i = 0; i < count; i++) {
      const r = i / count;
      if (i === 0) b.asset(z, 'network', { profile: 'network-appliance', vendor: 'Cisco', model: 'IE-3400' });
      else if (i === 1) b.asset(z, 'hmi', { profile: b.rnd.pick(HMI_PROFILES) });
      else if (r < 0.7) b.asset(z, 'plc', plcAttrs(b, fam));
      else if (r < 0.85) b.asset(z, 'ied', { profile: 'cleartext-field-device' });
      else b.asset(z, 'rtu', { profile: b.rnd.pick(['serial-gateway', 'hardcoded-credentials']) });
    }
  }
  const sisCount = take();
  for (let i = 0; i < sisCount; i++) b.asset(sis, i % 4 === 3 ? 'ied' : 'safety-plc', { profile: b.rnd.pick(['legacy-plc', 'certified-4-2']), vendor: 'HIMA', model: 'HIMax X-CPU 01', essential: true });
  if (field) {
    const count = take();
    for (let i = 0; i < count; i++) b.asset(field, i % 3 === 0 ? 'ied' : 'drive', { profile: 'cleartext-field-device' });
  }
  return { area: spec.area, a, fam, sup, cells, sis, field };
}

function flow(from, to, protocol, extra = {}) {
  return { from, to, protocol, ...extra };
}

function ids(list) {
  return list.map((x) => x.id);
}

/** Conduits of one area: uplink to site ops, one per cell, safety, field, one interlock. */
function areaConduits(b, area, ops) {
  const { sup, cells, sis, field, fam, a } = area;
  const rnd = b.rnd;
  const [hist, srv] = [b.of(sup, 'historian')[0], b.of(sup, 'server')[0]];
  const ews = b.of(sup, 'ews')[0];
  const hmis = b.of(sup, 'hmi');
  const [opsHist, , , opsEws] = ops.assets;
  const up = [
    flow(opsHist.id, hist.id, 'osisoft-pi', { description: 'site PI collects the area historian' }),
    flow(opsEws.id, ews.id, 'rdp', { description: 'engineering session from site operations' }),
    flow(sup.id, ops.assets[1].id, 'syslog', { description: 'area logs to the site log relay' }),
    flow(sup.id, ops.assets[2].id, 'ntp'),
    flow(srv.id, ops.assets[1].id, 'tcp/8443'),
  ];
  b.conduits.push({ id: `ops-a${a}`, zones: [ops.id, sup.id], flows: up });
  for (const z of cells) {
    const flows = [];
    const plcs = b.of(z, 'plc');
    plcs.forEach((p, i) => {
      const hmi = hmis[i % hmis.length];
      const extra = rnd.chance(0.05) ? { 'rate-limit': { 'max-connections': 16, 'per-source-connections': 4 } } : {};
      flows.push(flow(hmi.id, p.id, fam.protocol, extra));
      // every third controller is also on a second (redundant) operator station
      if (i % 3 === 0 && hmis.length > 1) flows.push(flow(hmis[(i + 1) % hmis.length].id, p.id, fam.protocol));
      // the SCADA I/O server scans every controller; the historian polls read-only
      flows.push(flow(srv.id, p.id, fam.protocol));
      flows.push(flow(hist.id, p.id, POLL[fam.protocol], { access: 'read-only', description: 'historian polling' }));
    });
    if (plcs.length > 2) flows.push(flow(ews.id, ids(plcs.slice(0, Math.min(6, plcs.length))), fam.eng, { description: 'program download' }));
    const ieds = b.of(z, 'ied');
    const iedProtocol = rnd.pick(['iec104', 'mms', 'dnp3']);
    for (const d of ieds) flows.push(flow(srv.id, d.id, iedProtocol));
    if (ieds.length > 1) flows.push(flow(hist.id, ids(ieds), iedProtocol === 'mms' ? 'mms' : 'dnp3', { access: 'read-only' }));
    for (const r of b.of(z, 'rtu')) flows.push(flow(srv.id, r.id, 'dnp3', { access: rnd.chance(0.5) ? 'read-only' : 'read-write' }));
    flows.push(flow(srv.id, b.of(z, 'network')[0].id, 'snmp'));
    flows.push(flow(z.id, srv.id, 'tcp/5000-5010', { description: 'alarm and event upload' }));
    flows.push(flow(z.id, srv.id, 'ntp'));
    flows.push(flow(hmis[0].id, z.id, 'https', { description: 'panel web pages' }));
    b.conduits.push({ id: `${sup.id}-${z.id.slice(5)}`, zones: [sup.id, z.id], flows: dedupe(flows) });
  }
  const sisFlows = [];
  const sps = b.of(sis, 'safety-plc');
  sps.forEach((p, i) => {
    sisFlows.push(flow(hmis[i % hmis.length].id, p.id, 'modbus', { access: 'read-only', description: 'SIS status to operator graphics' }));
  });
  sisFlows.push(flow(ews.id, ids(sps), 'tcp/8000-8004', { description: 'safety engineering (key switch in PROG)' }));
  sisFlows.push(flow(hist.id, sis.id, 'modbus', { access: 'read-only' }));
  b.conduits.push({ id: `a${a}-sis`, zones: [sup.id, sis.id], flows: sisFlows, 'rate-limit': { 'max-connections': 32, 'per-source-connections': 8, 'new-connections-per-second': 10 } });
  // interlock: the first cell's controllers exchange trip signals with the SIS (raw port)
  const cellPlcs = b.of(cells[0], 'plc').slice(0, 3);
  if (cellPlcs.length > 0 && sps.length > 0) {
    b.conduits.push({ id: `a${a}-interlock`, zones: [cells[0].id, sis.id], unidirectional: false, flows: [flow(sps[0].id, ids(cellPlcs), 'udp/2222', { description: 'trip and permissive signals' })] });
  }
  if (field) {
    // drives and remote I/O hang off the last cell's controllers (Purdue 1 -> 0, one level)
    const cell = cells[cells.length - 1];
    const plcs = b.of(cell, 'plc');
    const drives = b.of(field, 'drive');
    const ff = [];
    for (let i = 0; i < drives.length; i += 4) {
      const plc = plcs.length > 0 ? plcs[(i / 4) % plcs.length].id : cell.id;
      ff.push(flow(plc, ids(drives.slice(i, i + 4)), rnd.pick(['modbus', 'enip', 'profinet-cm'])));
    }
    ff.push(flow(cell.id, field.id, 'snmp', { description: 'drive diagnostics' }));
    for (const d of b.of(field, 'ied')) ff.push(flow(plcs[0]?.id ?? cell.id, d.id, 'iec104', { access: 'read-only' }));
    b.conduits.push({ id: `${cell.id}-field`, zones: [cell.id, field.id], flows: dedupe(ff) });
  }
}

function dedupe(flows) {
  const seen = new Set();
  return flows.filter((f) => {
    const k = JSON.stringify([f.from, f.to, f.protocol, f.access]);
    return !seen.has(k) && seen.add(k);
  });
}

function upperConduits(b, { ent, dmz, ops }) {
  const [entRep, entWsus, entSiem] = ent.assets;
  const [jump, replica, syslog, ntp, wsus] = dmz.assets;
  const [opsHist, opsLog, opsDc, opsEws, opsBackup] = ops.assets;
  const entFlows = [
    flow(entRep.id, replica.id, 'https', { description: 'business users read the replica' }),
    flow(ent.assets[3].id, jump.id, 'rdp', { description: 'VPN users reach the jump host' }),
    flow(wsus.id, entWsus.id, 'https'),
    flow(syslog.id, entSiem.id, 'tcp/9997', { description: 'forward to the SOC' }),
  ];
  for (const s of ent.assets.slice(4, 40)) entFlows.push(flow(s.id, replica.id, b.rnd.pick(['https', 'osisoft-pi'])));
  b.conduits.push({ id: 'enterprise-idmz', zones: [ent.id, dmz.id], flows: dedupe(entFlows) });
  const dmzFlows = [
    flow(opsHist.id, replica.id, 'osisoft-pi', { description: 'PI to PI replication' }),
    flow(jump.id, opsEws.id, 'rdp'),
    flow(jump.id, [opsDc.id, opsBackup.id], 'rdp'),
    flow(opsLog.id, syslog.id, 'syslog-tls'),
    flow(ops.id, ntp.id, 'ntp'),
    flow(opsDc.id, wsus.id, 'https'),
  ];
  for (const s of ops.assets.slice(6, 46)) dmzFlows.push(flow(jump.id, s.id, s.type === 'hmi' ? 'vnc' : 'rdp'));
  b.conduits.push({ id: 'idmz-site-ops', zones: [dmz.id, ops.id], flows: dedupe(dmzFlows), encrypted: 'tls' });
}

/** One FortiGate on the upper layers, one smaller point per area (round robin of platforms). */
function enforcementPoints(b, upper, areas) {
  const { ent, dmz, ops } = upper;
  b.enforcement.push({
    id: 'fw-core', platform: 'fortios', zones: [ent.id, dmz.id, ops.id], failMode: 'closed', islandMode: true,
    options: { 'fortiguard-app-modbus-write': '48885 48886 48887' },
  });
  for (const area of areas) {
    const platform = PLATFORMS[(area.area - 1) % PLATFORMS.length];
    const zones = [ops.id, area.sup.id, ...area.cells.map((c) => c.id), area.sis.id, ...(area.field ? [area.field.id] : [])];
    const ep = { id: `${platform === 'fortios' ? 'fg' : platform === 'nftables' ? 'nft' : platform === 'cisco-ios' ? 'ios' : 'asa'}-a${area.a}`, platform, zones, failMode: area.area % 3 ? 'closed' : 'open' };
    if (platform === 'fortios') ep.options = { 'fortiguard-app-modbus-write': '48885' };
    b.enforcement.push(ep);
  }
}

function waivers(b) {
  const every = 97;
  const reqs = ['SR 1.1', 'SR 2.8', 'SR 3.2', 'SR 7.6', 'SR 1.3'];
  b.assets.forEach((a, i) => {
    if (i % every !== 13) return;
    b.waivers.push({ asset: a.id, requirement: reqs[i % reqs.length], reason: `legacy firmware of ${a.id} cannot do this; replacement planned in the ${2027 + (i % 3)} outage`, approvedBy: 'R. Okafor, Plant Manager', expires: `${2027 + (i % 3)}-0${1 + (i % 9)}-15` });
  });
  b.waivers.push({ zone: b.zones[b.zones.length - 1].id, requirement: 'SR 6.2', reason: 'no IDS sensor on the field level yet', approvedBy: 'R. Okafor, Plant Manager', expires: '2028-06-30' });
}

function writeYaml(b, size) {
  const out = [];
  const w = (s) => out.push(s);
  w(`# Generated by bench/generatePlant.js: ${size} assets, seed ${b.seed}. Do not edit.`);
  w('otpc: 1');
  w(`site: { id: bench-${size}, name: ${q(`Benchmark plant (${size} assets)`)} }`);
  w('');
  w('zones:');
  for (const z of b.zones) {
    w(`  ${z.id}:`);
    w(`    name: ${q(z.name)}`);
    w(`    purdue: ${z.purdue}`);
    w(`    sl-target: ${z.sl}`);
    w(`    criticality: ${z.criticality}`);
    if (z.trust) w(`    trust: ${z.trust}`);
    w(`    networks: [${z.nets.join(', ')}]`);
    if (z.physical) w('    segmentation: physical');
    if (z.portSecurity) w('    port-security: true');
  }
  w('');
  w('assets:');
  for (const a of b.assets) {
    w(`  ${a.id}:`);
    w(`    zone: ${a.zone}`);
    w(`    type: ${a.type}`);
    if (a.vendor) w(`    vendor: ${q(a.vendor)}`);
    if (a.model) w(`    model: ${q(a.model)}`);
    if (a.firmware) w(`    firmware: "${a.firmware}"`);
    if (a.year) w(`    firmware-year: ${a.year}`);
    if (a.v6) w(`    addresses: [${a.v4}, "${a.v6}"]`);
    else w(`    address: ${a.v4}`);
    if (a.profile) w(`    profile: ${a.profile}`);
    if (a.capabilities) w(`    capabilities: [${a.capabilities.join(', ')}]`);
    if (a.essential) w('    essential: true');
  }
  w('');
  w('conduits:');
  for (const c of b.conduits) {
    w(`  ${c.id}:`);
    w(`    zones: [${c.zones.join(', ')}]`);
    if (c.encrypted) w(`    encrypted: ${c.encrypted}`);
    if (c['rate-limit']) w(`    rate-limit: { ${Object.entries(c['rate-limit']).map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
    w('    flows:');
    for (const f of c.flows) {
      const parts = [`from: ${endpointText(f.from)}`, `to: ${endpointText(f.to)}`, `protocol: ${f.protocol}`];
      if (f.access) parts.push(`access: ${f.access}`);
      if (f.description) parts.push(`description: ${q(f.description)}`);
      if (f['rate-limit']) parts.push(`rate-limit: { ${Object.entries(f['rate-limit']).map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
      w(`      - { ${parts.join(', ')} }`);
    }
  }
  w('');
  w('enforcement:');
  for (const e of b.enforcement) {
    w(`  ${e.id}:`);
    w(`    platform: ${e.platform}`);
    w(`    interfaces: { ${e.zones.map((z, i) => `${z}: ${interfaceName(e.platform, i)}`).join(', ')} }`);
    w(`    fail-mode: ${e.failMode}`);
    if (e.islandMode) w('    island-mode: true');
    if (e.options) w(`    options: { ${Object.entries(e.options).map(([k, v]) => `${k}: "${v}"`).join(', ')} }`);
  }
  w('');
  const [dmz, ops] = [b.zones[1], b.zones[2]];
  const monitored = b.zones.filter((z) => z.purdue >= 1 && z.purdue <= 2).filter((_, i) => i % 2 === 0).map((z) => z.id);
  w('services:');
  w(`  syslog: [${dmz.assets[2].v4}, ${ops.assets[1].v4}]`);
  w(`  ntp: [${dmz.assets[3].v4}, ${ops.assets[2].v4}]`);
  w(`  ids: { address: ${ops.assets[5].v4}, monitors: [${monitored.join(', ')}] }`);
  w(`  jump-host: ${dmz.assets[0].id}`);
  w(`  backup: ${ops.assets[4].v4}`);
  w('');
  w('waivers:');
  for (const x of b.waivers) {
    const subject = x.asset ? `asset: ${x.asset}` : `zone: ${x.zone}`;
    w(`  - { ${subject}, requirement: ${x.requirement}, reason: ${q(x.reason)}, approved-by: ${q(x.approvedBy)}, expires: ${x.expires} }`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Asset counts of the area zones, in build order, summing to exactly `total`: an even
 * share, varied by moving up to 3 assets between neighbouring zones (at least 5 each:
 * a supervisory zone has 5 fixed roles).
 */
function zoneSizes(b, total, zones) {
  const sizes = Array.from({ length: zones }, (_, i) => Math.floor(total / zones) + (i < total % zones ? 1 : 0));
  for (let i = 0; i + 1 < zones; i += 2) {
    const d = Math.min(b.rnd.int(0, 3), sizes[i + 1] - 5);
    sizes[i] += d;
    sizes[i + 1] -= d;
  }
  let next = 0;
  return () => sizes[next++];
}

/**
 * A plant of `assets` assets (20 per zone, ~2 flows per asset), as policy YAML text.
 * Deterministic: the same arguments give byte-identical text.
 * @returns {{ text: string, stats: { zones: number, assets: number, conduits: number, flows: number, enforcement: number, waivers: number } }}
 */
export function generatePlant(assets, seed = 62443) {
  const b = new PlantBuilder(assets, seed);
  b.seed = seed;
  const totalZones = Math.max(8, Math.round(assets / 20));
  const upperAssets = Math.max(15, Math.round(assets * 0.02));
  const plan = planZones(totalZones);
  const areaZones = totalZones - 3;
  const upper = upperZones(b, upperAssets);
  const take = zoneSizes(b, Math.max(5 * areaZones, assets - upperAssets), areaZones);
  const areas = plan.map((spec) => buildArea(b, spec, take));
  upperConduits(b, upper);
  for (const area of areas) areaConduits(b, area, upper.ops);
  enforcementPoints(b, upper, areas);
  waivers(b);
  const text = writeYaml(b, assets);
  const flows = b.conduits.reduce((n, c) => n + c.flows.length, 0);
  return {
    text,
    stats: { zones: b.zones.length, assets: b.assets.length, conduits: b.conduits.length, flows, enforcement: b.enforcement.length, waivers: b.waivers.length },
  };
}

// node bench/generatePlant.js 10000 > plant.yaml
if (import.meta.url === `file://${process.argv[1]}`) {
  const { text, stats } = generatePlant(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 62443));
  process.stdout.write(text);
  process.stderr.write(`${JSON.stringify({ bytes: Buffer.byteLength(text), ...stats })}\n`);
}
