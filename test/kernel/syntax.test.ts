import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { nftablesBackend } from '../../src/backends/nftables/index.js';
import { arbitraryNftIRs, FC_SEED } from '../backends/nftables/arbitraryNft.js';
import { renderContext } from '../backends/nftables/fixtures.js';
import { requireKernel, SKIP_KERNEL, SKIP_REASON } from './kernelEnv.js';
import { nftCheckSync } from './run.js';

/**
 * `nft -c -f` (the kernel checks the whole batch, vendors.md 4.1) inside `unshare -rn`
 * for every golden file and for the rulesets of random policies. Syntax is necessary,
 * not sufficient (vendors.md 4.3): reparse.test.ts and corpus.test.ts check meaning.
 */
const GOLDEN = new URL('../backends/nftables/golden/', import.meta.url);

describe.skipIf(SKIP_KERNEL)(SKIP_KERNEL ? `kernel oracle: nft -c (${SKIP_REASON})` : 'kernel oracle: nft -c accepts every rendered ruleset', () => {
  beforeAll(requireKernel);

  const files = readdirSync(fileURLToPath(GOLDEN)).filter((f) => f.endsWith('.nft')).sort();

  it('there are golden files to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files)('golden %s', (f) => {
    const r = nftCheckSync(readFileSync(new URL(f, GOLDEN), 'utf8'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a broken ruleset is rejected (the check is real)', () => {
    const r = nftCheckSync('table inet otpc_broken {\n  chain forward {\n    type filter hook forward priority filter; policy acept;\n  }\n}\n');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/syntax error/);
  });

  it('random policies (enforce, monitor, mixed)', () => {
    let checked = 0;
    fc.assert(fc.property(arbitraryNftIRs(), (eps) => {
      for (const ep of eps) {
        const out = nftablesBackend.render(ep, renderContext());
        const r = nftCheckSync(out.text);
        expect(r.stderr, out.text).toBe('');
        expect(r.code).toBe(0);
        checked++;
      }
    }), { numRuns: 30, seed: FC_SEED });
    expect(checked).toBeGreaterThan(30);
  }, 60_000);
});
