import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from './builtinCatalogs.js';
import type { CatalogKind } from '../../src/catalog/types.js';

const catalogs = builtinCatalogs();

/** The ids docs/architecture.md ("Vocabulary") promises to other modules. */
function vocabulary(): Record<string, string[]> {
  const doc = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Vocabulary'), doc.indexOf('\n## ', doc.indexOf('## Vocabulary') + 1));
  const out: Record<string, string[]> = {};
  for (const item of section.split('\n- ').slice(1)) {
    const name = /^\*\*(\w+)\*\*/.exec(item)?.[1];
    if (name) out[name.toLowerCase()] = [...item.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!).filter((id) => !/^C\d/.test(id));
  }
  return out;
}

describe('catalogue vocabulary and coverage', () => {
  const vocab = vocabulary();

  it.each(['platforms', 'profiles', 'capabilities', 'protocols', 'controls'] as const)('provides every %s id of docs/architecture.md', (kind) => {
    const ids = vocab[kind];
    expect(ids?.length, `vocabulary list for ${kind}`).toBeGreaterThan(0);
    const have = catalogs[kind as CatalogKind];
    expect(ids!.filter((id) => !have.has(id))).toEqual([]);
  });

  it('covers all 100 requirement rows with native capabilities (a fully certified device can reach SL 4)', () => {
    const met = new Set([...catalogs.capabilities.values()].flatMap((c) => c.meets));
    expect([...catalogs.requirements.keys()].filter((id) => !met.has(id))).toEqual([]);
  });

  it('resolves every reference between catalogues', () => {
    const requirementIds = new Set(catalogs.requirements.keys());
    for (const c of catalogs.capabilities.values()) for (const id of c.meets) expect(requirementIds.has(id), `${c.id} → ${id}`).toBe(true);
    for (const p of catalogs.profiles.values()) for (const id of p.capabilities) expect(catalogs.capabilities.has(id), `${p.id} → ${id}`).toBe(true);
    for (const p of catalogs.platforms.values()) for (const id of p.supports.readOnly) expect(catalogs.protocols.has(id), `${p.id} → ${id}`).toBe(true);
    for (const c of catalogs.controls.values()) for (const m of c.meets) expect(requirementIds.has(m.requirement), `${c.id} → ${m.requirement}`).toBe(true);
  });

  it.each([
    ['user-auth', ['SR 1.1', 'SR 1.10']],
    ['unique-user-accounts', ['SR 1.1 RE 1', 'SR 1.4']],
    ['mfa', ['SR 1.1 RE 2', 'SR 1.1 RE 3']],
    ['account-management', ['SR 1.3']],
    ['no-wireless', ['SR 1.6', 'SR 1.6 RE 1', 'SR 2.2']],
  ])('capability %s meets exactly %j', (id, meets) => {
    expect(catalogs.capabilities.get(id)!.meets).toEqual(meets);
  });

  it('does not credit site-wide rogue-wireless detection to a device without a radio', () => {
    expect(catalogs.capabilities.get('no-wireless')!.meets).not.toContain('SR 2.2 RE 1');
  });

  it('keeps legacy profiles modest: no authentication, crypto or logging on a legacy PLC', () => {
    expect(catalogs.profiles.get('legacy-plc')!.capabilities).toEqual(['deterministic-output', 'no-wireless']);
    for (const id of ['legacy-plc', 'serial-gateway', 'hardcoded-credentials', 'cleartext-field-device', 'unsupported-windows']) {
      const caps = catalogs.profiles.get(id)!.capabilities;
      for (const missing of ['encrypted-transport', 'malware-protection', 'syslog-export', 'signed-firmware']) expect(caps, id).not.toContain(missing);
    }
    expect(catalogs.profiles.get('hardcoded-credentials')!.capabilities).not.toContain('authenticator-management');
  });

  it('gives the certified profile nearly everything a component can provide', () => {
    const certified = new Set(catalogs.profiles.get('certified-4-2')!.capabilities);
    const met = new Set([...certified].flatMap((id) => catalogs.capabilities.get(id)!.meets));
    const unmet = [...catalogs.requirements.keys()].filter((id) => !met.has(id));
    // Only network-device and site functions are left to the network and the site.
    expect(unmet).toEqual([
      'SR 1.13', 'SR 1.13 RE 1', 'SR 2.2 RE 1',
      'SR 5.1', 'SR 5.1 RE 1', 'SR 5.1 RE 2', 'SR 5.1 RE 3',
      'SR 5.2', 'SR 5.2 RE 1', 'SR 5.2 RE 2', 'SR 5.2 RE 3', 'SR 5.3', 'SR 5.3 RE 1',
    ]);
  });

  it('lists profile capabilities in ascending order without duplicates', () => {
    for (const p of catalogs.profiles.values()) expect(p.capabilities, p.id).toEqual([...new Set(p.capabilities)].sort());
  });
});
