import { describe, expect, it } from 'vitest';
import { fortiosBackend } from '../../../src/backends/fortios/index.js';
import { backendFor } from '../../../src/backends/registry.js';
import { readFileSync, readdirSync } from 'node:fs';
import { parseFortios } from '../../reparse/fortios/parseFortios.js';
import { plantEP, renderContext } from './fixtures.js';
import { unexpectedLines } from './lineShapes.js';

const MODBUS_OVERRIDE = { 'fortiguard-app-modbus-write': '48885 90001 90002' };

describe('fortios golden files', () => {
  it.each([
    ['plant-enforce', plantEP('enforce')],
    ['plant-monitor', plantEP('monitor')],
    ['plant-mixed', plantEP('mixed')],
    ['plant-enforce-app-override', plantEP('enforce', MODBUS_OVERRIDE)],
  ])('%s', async (name, ep) => {
    const r = fortiosBackend.render(ep, renderContext());
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await expect(r.text).toMatchFileSnapshot(`golden/${name}.conf`);
  });

  it('every checked-in golden file passes the line-shape allow-list and the re-parser', () => {
    const dir = new URL('./golden/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.conf'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(unexpectedLines(text), f).toEqual([]);
      expect(() => parseFortios(text), f).not.toThrow();
    }
  });

  it('is byte-for-byte deterministic, LF only, ends with a newline', () => {
    const a = fortiosBackend.render(plantEP('enforce'), renderContext()).text;
    const shuffled = plantEP('enforce');
    shuffled.addresses = [...shuffled.addresses].reverse();
    shuffled.services = [...shuffled.services].reverse();
    shuffled.zones = [...shuffled.zones].reverse();
    const b = fortiosBackend.render(shuffled, renderContext()).text;
    expect(b).toBe(a);
    expect(a.endsWith('\n')).toBe(true);
    expect(a.includes('\r')).toBe(false);
  });

  it('is registered as fortios with extension conf', () => {
    expect(backendFor('fortios')).toBe(fortiosBackend);
    expect(fortiosBackend.extension).toBe('conf');
  });

  it('warns about Modbus write operations without a verified application id', () => {
    const r = fortiosBackend.render(plantEP('enforce'), renderContext());
    const w = r.diagnostics.filter((d) => d.code === 'OTPC704');
    expect(w.map((d) => d.message).join('\n')).toMatch(/modbus write operations 6, 15, 16, 22, 23/);
    expect(w[0].pointer).toBe('/conduits/dmz-control/flows/0');
    const withOverride = fortiosBackend.render(plantEP('enforce', MODBUS_OVERRIDE), renderContext());
    expect(withOverride.diagnostics.filter((d) => d.code === 'OTPC704' && /modbus/.test(d.message))).toEqual([]);
  });
});
