import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from './builtinCatalogs.js';

const catalogs = builtinCatalogs();
const protocols = [...catalogs.protocols.values()];

describe('protocols catalogue', () => {
  it.each([
    ['modbus', [['tcp', 502, 502]]],
    ['dnp3', [['tcp', 20000, 20000], ['udp', 20000, 20000]]],
    ['enip', [['tcp', 44818, 44818], ['udp', 2222, 2222], ['udp', 44818, 44818]]],
    ['cip-security', [['tcp', 2221, 2221], ['udp', 2221, 2221]]],
    ['hart-ip', [['tcp', 5094, 5094], ['udp', 5094, 5094]]],
    ['fins', [['tcp', 9600, 9600], ['udp', 9600, 9600]]],
    ['melsec', [['tcp', 5007, 5007], ['udp', 5006, 5006]]],
    ['bacnet', [['udp', 47808, 47808]]],
    ['profinet-cm', [['udp', 34962, 34964]]],
    ['iec104', [['tcp', 2404, 2404]]],
    ['s7comm', [['tcp', 102, 102]]],
    ['dns', [['tcp', 53, 53], ['udp', 53, 53]]],
  ])('%s runs on %j (one entry per transport)', (id, want) => {
    const got = catalogs.protocols.get(id)!.ports.map((p) => [p.transport, p.ports[0], p.ports[1]]);
    expect(got).toEqual(want);
  });

  it('lists ports sorted by transport then port, never mixing transports in one entry', () => {
    for (const p of protocols) {
      const keys = p.ports.map((s) => `${s.transport}:${String(s.ports[0]).padStart(5, '0')}`);
      expect(keys, p.id).toEqual([...keys].sort());
      for (const s of p.ports) expect(s.ports[0] <= s.ports[1], p.id).toBe(true);
    }
  });

  it('has the Modbus function codes of the reference', () => {
    const ops = catalogs.protocols.get('modbus')!.operations!;
    expect(ops.field).toBe('modbus-function-code');
    expect(ops.payloadOffset).toBe(7);
    for (const fc of [1, 2, 3, 4]) expect(ops.read).toContain(fc);
    // Writes, and the codes that are not reads (8 diagnostics, 43 MEI, 90 UMAS); 23 writes too.
    for (const fc of [5, 6, 15, 16, 21, 22, 23, 8, 43, 90]) expect(ops.write).toContain(fc);
    expect(ops.session ?? []).toEqual([]);
  });

  it.each([
    ['dnp3', [1], [0, 129, 130], [2, 3, 4, 5, 6, 13, 14, 25, 31]],
    ['s7comm', [0x04], [0xf0], [0x05, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x28, 0x29]],
    ['enip', [0x01, 0x0e, 0x4c], [0x54], [0x02, 0x05, 0x06, 0x07, 0x10, 0x4d, 0x53]],
    ['iec104', [100, 102], [104], [45, 46, 103, 105, 110, 120]],
    ['mms', [1, 2, 4, 6], [], [5, 26, 36, 40, 41, 44]],
    ['bacnet', [12, 14, 26], [], [15, 16, 17, 20]],
    ['fins', [0x0101, 0x0104], [], [0x0102, 0x0307, 0x0401, 0x0402]],
    ['melsec', [0x0401, 0x0403], [], [0x1401, 0x1402, 0x1001, 0x1002]],
  ])('classifies %s operations (read %j, session %j, write %j)', (id, read, session, write) => {
    const ops = catalogs.protocols.get(id)!.operations!;
    for (const c of read) expect(ops.read, `read ${c}`).toContain(c);
    for (const c of session) expect(ops.session, `session ${c}`).toContain(c);
    for (const c of write) expect(ops.write, `write ${c}`).toContain(c);
  });

  it('never puts one code in two lists', () => {
    for (const p of protocols.filter((x) => x.operations)) {
      const { read, write, session = [] } = p.operations!;
      const all = [...read, ...write, ...session];
      expect(new Set(all).size, p.id).toBe(all.length);
    }
  });

  it('marks exactly the human remote-session protocols as interactive', () => {
    expect(protocols.filter((p) => p.interactive).map((p) => p.id)).toEqual(['rdp', 'ssh', 'telnet', 'vnc']);
  });

  it('names secure variants that exist and authenticate (S7CommPlus protects integrity, not confidentiality)', () => {
    for (const p of protocols.filter((x) => x.secureVariant)) {
      const secure = catalogs.protocols.get(p.secureVariant!);
      expect(secure?.nativeAuth, `${p.id} → ${p.secureVariant}`).toBe(true);
      if (p.secureVariant !== 's7comm-plus') expect(secure?.nativeEncryption, `${p.id} → ${p.secureVariant}`).toBe(true);
    }
  });

  it('does not claim authentication or encryption for the legacy industrial protocols', () => {
    for (const id of ['modbus', 'dnp3', 's7comm', 'enip', 'iec104', 'bacnet', 'mms', 'fins', 'melsec', 'ge-srtp', 'profinet-cm', 'hart-ip']) {
      const p = catalogs.protocols.get(id)!;
      expect([p.nativeAuth, p.nativeEncryption, p.industrial], id).toEqual([false, false, true]);
    }
  });
});
