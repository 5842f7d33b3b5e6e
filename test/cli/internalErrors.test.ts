import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { backends } from '../../src/backends/registry.js';
import type { Backend } from '../../src/backends/types.js';
import { PLANT, runCli, tempDir, TODAY } from './runCli.js';

/**
 * Exit 3 is an internal error whether it was thrown (main.ts) or caught by a stage and
 * returned as an OTPC999 diagnostic (validatePolicy's model build, loadPolicy, the
 * renderers): the runner turns any printed OTPC999 into exit 3 for every command, and
 * the line reads as an internal error with the hint to report it.
 */

const inject = vi.hoisted(() => ({ modelFails: false }));

// the model build fails as a bug would: validatePolicy catches it and returns OTPC999
vi.mock('../../src/model/buildModel.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/model/buildModel.js')>();
  return {
    ...original,
    buildModel: (...args: Parameters<typeof original.buildModel>) => {
      if (inject.modelFails) throw new Error('injected model failure');
      return original.buildModel(...args);
    },
  };
});

const tmp = tempDir();
const FLOWS = 'test/data/flows/batch-chemical.csv';
const d = ['--date', TODAY];

afterEach(() => { inject.modelFails = false; });
afterAll(() => tmp.cleanup());

describe('an OTPC999 diagnostic is an internal error: exit 3 on every command', () => {
  it.each<[string, string[]]>([
    ['validate', ['validate', PLANT, ...d]],
    ['validate --fail-on warning -f json', ['validate', PLANT, ...d, '--fail-on', 'warning', '-f', 'json']],
    ['report', ['report', PLANT, ...d, '-f', 'json']],
    ['report --fail-on never', ['report', PLANT, ...d, '--fail-on', 'never']],
    ['compile', ['compile', PLANT, ...d, '-o', tmp.path('compile-out')]],
    ['diff', ['diff', PLANT, PLANT, ...d]],
    ['plan', ['plan', PLANT, ...d]],
    ['discover', ['discover', PLANT, ...d, '--flows', FLOWS]],
    ['simulate', ['simulate', PLANT, ...d, '--flows', FLOWS]],
  ])('%s', async (_name, argv) => {
    inject.modelFails = true;
    const r = await runCli(argv);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`${PLANT}: internal error OTPC999: the model could not be built: injected model failure`);
    expect(r.stderr).toMatch(/hint: This is a bug in otpc; please report it/);
    expect(r.stderr).not.toMatch(/: error OTPC999:/);
    expect(existsSync(tmp.path('compile-out'))).toBe(false);
  });

  it('a renderer that returns OTPC999 makes compile exit 3 and write nothing', async () => {
    const saved = backends.fortios;
    const broken: Backend = {
      ...saved,
      render: (ep, ctx) => ({ text: '', diagnostics: [{ code: 'OTPC999', severity: 'error', file: ctx.file, pointer: ep.pointer, message: 'FortiOS renderer failed: injected' }] }),
    };
    backends.fortios = broken;
    try {
      const r = await runCli(['compile', PLANT, ...d, '-o', tmp.path('render-out')]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/internal error OTPC999: FortiOS renderer failed: injected/);
      expect(existsSync(tmp.path('render-out'))).toBe(false);
    } finally {
      backends.fortios = saved;
    }
  });

  it('the next run in the same process is not affected', async () => {
    inject.modelFails = true;
    expect((await runCli(['validate', PLANT, ...d])).code).toBe(3);
    inject.modelFails = false;
    const r = await runCli(['validate', PLANT, ...d]);
    expect(r.code, r.stderr).toBe(0);
    const c = await runCli(['compile', PLANT, ...d, '-o', tmp.path('ok-out')]);
    expect(c.code, c.stderr).toBe(0);
    expect(readdirSync(tmp.path('ok-out'))).toContain('trace.json');
    expect(readFileSync(tmp.path('ok-out/trace.json'), 'utf8')).toContain('"enforcement"');
  });
});
