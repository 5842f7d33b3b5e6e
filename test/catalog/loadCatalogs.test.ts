import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/catalog/loadCatalogs.js';

const user = (text: string, file = 'site-catalog.yaml') => [{ file, text }];

describe('loadCatalogs: merging user catalogues', () => {
  it('replaces an entry with an existing id and adds a new one', () => {
    const text = [
      'kind: capabilities',
      'version: 1',
      'entries:',
      '  - id: backup',
      '    title: Backup (site definition)',
      '    meets: [SR 7.3, SR 7.3 RE 1]',
      '  - id: a-site-capability',
      '    title: Something only this site has',
      '    meets: [SR 7.7]',
    ].join('\n');
    const { catalogs, diagnostics } = loadCatalogs(user(text));
    expect(diagnostics).toEqual([]);
    expect(catalogs!.capabilities.get('backup')).toEqual({ id: 'backup', meets: ['SR 7.3', 'SR 7.3 RE 1'], title: 'Backup (site definition)' });
    expect(catalogs!.capabilities.get('a-site-capability')!.meets).toEqual(['SR 7.7']);
    const ids = [...catalogs!.capabilities.keys()];
    expect(ids[0]).toBe('a-site-capability');
    expect(ids).toEqual([...ids].sort());
    // Built-ins are untouched for the next caller.
    expect(loadCatalogs().catalogs!.capabilities.get('backup')!.meets).toEqual(['SR 7.3']);
  });

  it('lets a later file win and lets a user profile use a user capability', () => {
    const caps = 'kind: capabilities\nversion: 1\nentries:\n  - { id: site-cap, title: A, meets: [SR 1.1] }\n';
    const caps2 = 'kind: capabilities\nversion: 1\nentries:\n  - { id: site-cap, title: B, meets: [SR 1.2] }\n';
    const profiles = 'kind: profiles\nversion: 1\nentries:\n  - { id: site-plc, title: P, description: D, capabilities: [site-cap, no-wireless] }\n';
    const { catalogs, diagnostics } = loadCatalogs([
      { file: 'a.yaml', text: caps },
      { file: 'b.yaml', text: profiles },
      { file: 'c.yaml', text: caps2 },
    ]);
    expect(diagnostics).toEqual([]);
    expect(catalogs!.capabilities.get('site-cap')!.title).toBe('B');
    expect(catalogs!.profiles.get('site-plc')!.capabilities).toEqual(['site-cap', 'no-wireless']);
  });

  it('converts kebab-case keys to the camelCase types, keeping predicate argument names', () => {
    const text = [
      'kind: controls',
      'version: 1',
      'entries:',
      '  - id: site-control',
      '    family: manual',
      '    title: Locked cabinets',
      '    reason: Physical security (IEC 62443-3-3 section 4.3)',
      '    rule-trace: [SR 2.3]',
      '    meets: [{ requirement: SR 2.3, extent: partial, remains: USB still open }]',
      '    preconditions:',
      '      - { predicate: asset-capability, args: { capability: no-wireless, some-arg: 1 }, description: d, close: c }',
      '    emits: []',
    ].join('\n');
    const { catalogs, diagnostics } = loadCatalogs(user(text));
    expect(diagnostics).toEqual([]);
    const control = catalogs!.controls.get('site-control')!;
    expect(control.ruleTrace).toEqual(['SR 2.3']);
    expect(control.preconditions[0]!.args).toEqual({ capability: 'no-wireless', 'some-arg': 1 });
    const modbus = loadCatalogs().catalogs!.protocols.get('modbus')!;
    expect(Object.keys(modbus)).toEqual(['id', 'industrial', 'interactive', 'nativeAuth', 'nativeEncryption', 'note', 'operations', 'ports', 'secureVariant', 'title']);
    expect(modbus.operations!.payloadOffset).toBe(7);
    expect(loadCatalogs().catalogs!.platforms.get('fortios')!.limits.ruleNameMax).toBe(35);
  });
});

describe('loadCatalogs: errors in user catalogues', () => {
  it('reports schema errors with the entry id, JSON pointer and position (OTPC602)', () => {
    const text = [
      'kind: requirements', //                    line 1
      'version: 1',
      'entries:',
      '  - id: SR 1.1', //                        line 4
      '    fr: FR1',
      '    kind: SR',
      '    title: Changed title',
      '    level: 7', //                          line 8
      '    scope: device',
      '    compensable: true',
      '    clause: "5.3"',
      '    colour: blue', //                      line 12
    ].join('\n');
    const { catalogs, diagnostics } = loadCatalogs(user(text));
    expect(catalogs).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.file, d.pointer, d.range?.start.line, d.range?.start.col])).toEqual([
      ['OTPC602', 'site-catalog.yaml', '/entries/0/colour', 12, 5],
      ['OTPC602', 'site-catalog.yaml', '/entries/0/level', 8, 12],
    ]);
    expect(diagnostics[0]!.message).toBe('requirements entry "SR 1.1": /colour unknown key "colour"');
    expect(diagnostics[1]!.message).toBe('requirements entry "SR 1.1": /level must be <= 4');
    expect(diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('reports facts an id implies: RE parent, FR, clause (OTPC602)', () => {
    const text = 'kind: requirements\nversion: 1\nentries:\n  - { id: SR 2.1 RE 9, fr: FR1, kind: RE, parent: SR 2.1, title: T, level: 3, scope: device, compensable: true, clause: "6.3" }\n';
    const { diagnostics } = loadCatalogs(user(text));
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['OTPC602', '/entries/0/fr'],
      ['OTPC602', '/entries/0/clause'],
    ]);
    expect(diagnostics[1]!.message).toContain('must be "6.3.3"');
  });

  it('reports unknown references with their position (OTPC603)', () => {
    const text = [
      'kind: profiles',
      'version: 1',
      'entries:',
      '  - id: site-plc',
      '    title: P',
      '    description: D',
      '    capabilities:',
      '      - no-wireless',
      '      - telepathy', //                        line 9
    ].join('\n');
    const { catalogs, diagnostics } = loadCatalogs(user(text));
    expect(catalogs).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'OTPC603',
      file: 'site-catalog.yaml',
      pointer: '/entries/0/capabilities/1',
      message: 'profiles entry "site-plc": /capabilities/1 names unknown capability "telepathy"',
      range: { start: { line: 9, col: 9 } },
    });
  });

  it.each([
    ['capabilities', '  - { id: x, title: X, meets: [SR 1.1, SR 1.99] }', '/entries/0/meets/1', 'requirement "SR 1.99"'],
    ['platforms', '  - { id: p, title: P, kind: firewall, stateful: true, supports: { ipv6: true, address-ranges: true, object-groups: true, logging: true, syslog: true, ntp: true, read-only: [modbus, smoke-signals], rate-limit: false, span: false, monitor-mode: true }, limits: { name-max: 31, comment-max: 80 } }', '/entries/0/supports/read-only/1', 'protocol "smoke-signals"'],
    ['protocols', '  - { id: q, title: Q, ports: [{ transport: tcp, ports: [1, 2] }], native-auth: false, native-encryption: false, secure-variant: q-tls, interactive: false, industrial: false }', '/entries/0/secure-variant', 'protocol "q-tls"'],
    ['controls', '  - { id: c, family: C1, title: T, reason: R, meets: [{ requirement: SR 5.9, extent: full }], preconditions: [], emits: [] }', '/entries/0/meets/0/requirement', 'requirement "SR 5.9"'],
  ])('cross-checks %s references (OTPC603)', (kind, entry, pointer, what) => {
    const { diagnostics } = loadCatalogs(user(`kind: ${kind}\nversion: 1\nentries:\n${entry}\n`));
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([['OTPC603', pointer]]);
    expect(diagnostics[0]!.message).toContain(`unknown ${what}`);
    expect(diagnostics[0]!.range?.start.line).toBe(4);
  });

  it('does not repeat a broken entry as unknown in references to it', () => {
    const caps = 'kind: capabilities\nversion: 1\nentries:\n  - { id: site-cap, title: A, meets: SR 1.1 }\n';
    const profiles = 'kind: profiles\nversion: 1\nentries:\n  - { id: site-plc, title: P, description: D, capabilities: [site-cap] }\n';
    const { diagnostics } = loadCatalogs([{ file: 'a.yaml', text: caps }, { file: 'b.yaml', text: profiles }]);
    expect(diagnostics.map((d) => [d.code, d.file, d.pointer])).toEqual([['OTPC602', 'a.yaml', '/entries/0/meets']]);
  });

  it('reports duplicate ids within one file', () => {
    const text = 'kind: capabilities\nversion: 1\nentries:\n  - { id: x, title: A, meets: [] }\n  - { id: x, title: B, meets: [] }\n';
    const { diagnostics } = loadCatalogs(user(text));
    expect(diagnostics.map((d) => [d.code, d.pointer, d.range?.start.line])).toEqual([['OTPC602', '/entries/1/id', 5]]);
  });

  it('reports an unknown kind (OTPC604)', () => {
    const { diagnostics } = loadCatalogs(user('kind: recipes\nversion: 1\nentries: []\n'));
    expect(diagnostics.map((d) => [d.code, d.pointer, d.range?.start.line])).toEqual([['OTPC604', '/kind', 1]]);
    expect(loadCatalogs(user('version: 1\nentries: []\n')).diagnostics.map((d) => d.code)).toEqual(['OTPC604']);
  });

  it.each([
    ['a YAML syntax error', 'kind: capabilities\nentries: [\n', 3],
    ['a duplicate key', 'kind: capabilities\nversion: 1\nversion: 1\nentries: []\n', 3],
    ['two documents in one file', 'kind: capabilities\nversion: 1\nentries: []\n---\nkind: profiles\n', 4],
  ])('reports %s with its position (OTPC601)', (_name, text, line) => {
    const { catalogs, diagnostics } = loadCatalogs(user(text));
    expect(catalogs).toBeUndefined();
    expect(diagnostics[0]!.code).toBe('OTPC601');
    expect(diagnostics[0]!.range?.start.line).toBe(line);
  });

  it('rejects an alias bomb (OTPC601)', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c']]) rows.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    const { diagnostics } = loadCatalogs(user(`${rows.join('\n')}\nkind: capabilities\n`));
    expect(diagnostics.map((d) => d.code)).toEqual(['OTPC601']);
    expect(diagnostics[0]!.message).toMatch(/alias/i);
  });

  it('rejects a file that is not a mapping (OTPC601) and wrong versions (OTPC602)', () => {
    expect(loadCatalogs(user('- just\n- a list\n')).diagnostics.map((d) => d.code)).toEqual(['OTPC601']);
    expect(loadCatalogs(user('kind: capabilities\nversion: 2\nentries: []\n')).diagnostics.map((d) => [d.code, d.pointer])).toEqual([['OTPC602', '/version']]);
  });
});

describe('loadCatalogs: built-in files', () => {
  it('returns fresh Maps each time (the parsed built-ins are cached, not shared)', () => {
    const a = loadCatalogs().catalogs!;
    a.requirements.get('SR 1.1')!.level = 4;
    a.capabilities.delete('mfa');
    const b = loadCatalogs().catalogs!;
    expect(b.requirements.get('SR 1.1')!.level).toBe(1);
    expect(b.capabilities.has('mfa')).toBe(true);
  });

  it('gives the same result whatever the key order in the files', () => {
    const shuffled = 'kind: capabilities\nversion: 1\nentries:\n  - { meets: [SR 1.1], title: T, id: z-cap }\n';
    const ordered = 'entries:\n  - { id: z-cap, title: T, meets: [SR 1.1] }\nversion: 1\nkind: capabilities\n';
    const a = loadCatalogs(user(shuffled)).catalogs!;
    const b = loadCatalogs(user(ordered)).catalogs!;
    expect(JSON.stringify([...a.capabilities.values()])).toBe(JSON.stringify([...b.capabilities.values()]));
  });

  it('treats a missing controls file as an empty catalogue and a missing other file as an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'otpc-catalogs-'));
    try {
      const source = new URL('../../catalogs/', import.meta.url);
      for (const kind of ['requirements', 'capabilities', 'profiles', 'protocols', 'platforms']) {
        writeFileSync(join(dir, `${kind}.yaml`), readFileSync(new URL(`${kind}.yaml`, source)));
      }
      const withoutControls = loadCatalogs([], { builtinDir: pathToFileURL(`${dir}/`) });
      expect(withoutControls.diagnostics).toEqual([]);
      expect(withoutControls.catalogs!.controls.size).toBe(0);

      const dir2 = mkdtempSync(join(tmpdir(), 'otpc-catalogs-'));
      writeFileSync(join(dir2, 'requirements.yaml'), 'kind: protocols\nversion: 1\nentries: []\n');
      const broken = loadCatalogs([], { builtinDir: pathToFileURL(`${dir2}/`) });
      rmSync(dir2, { recursive: true });
      expect(broken.catalogs).toBeUndefined();
      expect(broken.diagnostics.map((d) => [d.code, d.file])).toEqual([
        ['OTPC604', 'catalogs/requirements.yaml'],
        ['OTPC601', 'catalogs/capabilities.yaml'],
        ['OTPC601', 'catalogs/profiles.yaml'],
        ['OTPC601', 'catalogs/protocols.yaml'],
        ['OTPC601', 'catalogs/platforms.yaml'],
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
