import fc from 'fast-check';
import { arbitraryPolicy } from '../support/arbitraryPolicy.js';
import type { PolicyDoc } from '../support/modelFixtures.js';

/**
 * arbitraryPolicy() plus the parts of the format it does not draw and that the
 * order-invariance property must see: profiles, capability lists, SL-T vectors,
 * zone options, fail/island modes, a jump host, service address lists and
 * waivers (asset and zone, several per subject). Every addition keeps the policy
 * valid: the property test asserts that it validates without errors.
 */

const PROFILES = ['legacy-plc', 'unsupported-windows', 'serial-gateway', 'hardcoded-credentials', 'cleartext-field-device', 'certified-4-2', 'modern-windows', 'network-appliance'];
const CAPABILITIES = ['user-auth', 'unique-user-accounts', 'mfa', 'device-auth', 'rbac', 'session-lock', 'login-lockout', 'password-policy', 'audit-log', 'syslog-export', 'time-sync', 'encrypted-transport', 'signed-firmware', 'malware-protection', 'backup', 'least-functionality'];
const REQUIREMENTS = ['SR 1.1', 'SR 1.1 RE 1', 'SR 1.2', 'SR 2.8', 'SR 3.1', 'SR 3.2', 'SR 4.1', 'SR 5.1', 'SR 6.2', 'SR 7.6', 'SR 7.7'];
const TEXT = ['', 'Windows 7 HMI: vendor support ended', 'zone "bay" — no SPAN port; café', 'line1\nline2', '__proto__', 'constructor'];

const extrasArb = fc.record({
  assets: fc.array(fc.record({
    profile: fc.option(fc.constantFrom(...PROFILES), { nil: undefined }),
    capabilities: fc.subarray(CAPABILITIES, { maxLength: 5 }),
    essential: fc.boolean(),
    name: fc.constantFrom(...TEXT),
  }), { minLength: 30, maxLength: 30 }),
  zones: fc.array(fc.record({
    vector: fc.option(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 7, maxLength: 7 }), { nil: undefined }),
    segmentation: fc.constantFrom(undefined, 'physical', 'logical'),
    portSecurity: fc.boolean(),
  }), { minLength: 9, maxLength: 9 }),
  eps: fc.array(fc.record({ failMode: fc.constantFrom(undefined, 'closed', 'open'), island: fc.boolean() }), { minLength: 3, maxLength: 3 }),
  jumpHost: fc.option(fc.nat(), { nil: undefined }),
  backup: fc.boolean(),
  waivers: fc.array(fc.record({
    zone: fc.boolean(),
    subject: fc.nat(),
    requirement: fc.constantFrom(...REQUIREMENTS),
    expires: fc.constantFrom('2027-03-31', '2030-12-31', '2026-12-01'),
    reason: fc.constantFrom(...TEXT.filter((t) => t !== '')),
  }), { maxLength: 6 }),
});

type Extras = typeof extrasArb extends fc.Arbitrary<infer T> ? T : never;

function decorate(doc: PolicyDoc, x: Extras): PolicyDoc {
  const assetIds = Object.keys(doc.assets ?? {});
  assetIds.forEach((id, i) => {
    const a = doc.assets![id];
    const e = x.assets[i % x.assets.length];
    if (e.profile) a.profile = e.profile;
    if (e.capabilities.length > 0) a.capabilities = e.capabilities;
    if (e.essential) a.essential = true;
    if (e.name) a.name = e.name;
  });
  Object.keys(doc.zones).forEach((id, i) => {
    const z = doc.zones[id];
    const e = x.zones[i % x.zones.length];
    if (e.vector) z['sl-target'] = Object.fromEntries(e.vector.map((v, n) => [`FR${n + 1}`, v]));
    if (e.segmentation) z.segmentation = e.segmentation as 'physical' | 'logical';
    if (e.portSecurity) z['port-security'] = true;
  });
  Object.keys(doc.enforcement ?? {}).forEach((id, i) => {
    const ep = doc.enforcement![id];
    const e = x.eps[i % x.eps.length];
    if (e.failMode) ep['fail-mode'] = e.failMode as 'closed' | 'open';
    if (e.island) ep['island-mode'] = true;
  });
  const services = (doc.services ??= {}) as NonNullable<PolicyDoc['services']> & { backup?: string[] };
  if (x.jumpHost !== undefined && assetIds.length > 0) services['jump-host'] = assetIds[x.jumpHost % assetIds.length];
  if (x.backup) services.backup = ['10.1.0.40', '10.2.0.40'];
  if (Object.keys(services).length === 0) delete doc.services;
  const zoneIds = Object.keys(doc.zones);
  const seen = new Set<string>();
  const waivers = x.waivers.flatMap((w) => {
    const subject = w.zone || assetIds.length === 0 ? { zone: zoneIds[w.subject % zoneIds.length] } : { asset: assetIds[w.subject % assetIds.length] };
    const key = `${JSON.stringify(subject)}|${w.requirement}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...subject, requirement: w.requirement, reason: w.reason, 'approved-by': 'J. Doe, OT security', expires: w.expires }];
  });
  if (waivers.length > 0) (doc as PolicyDoc & { waivers?: unknown[] }).waivers = waivers;
  return doc;
}

/** A valid policy document using most of the format (see the file comment). */
export function arbitraryRichPolicy(): fc.Arbitrary<PolicyDoc> {
  return fc.tuple(arbitraryPolicy(), extrasArb).map(([doc, x]) => decorate(structuredClone(doc), x));
}
