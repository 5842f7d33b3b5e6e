import { describe, expect, it } from 'vitest';
import { nftablesBackend } from '../../../src/backends/nftables/index.js';
import { GOLDEN_CASES, renderContext } from './fixtures.js';

/**
 * Golden files (STYLE 9): the complete rendered ruleset per fixture and phase,
 * reviewed as a diff. Regenerate with `npx vitest run test/backends/nftables -u`.
 * test/kernel loads each of them into the kernel (nft -c, nft -j, real traffic).
 */
describe('nftables golden files', () => {
  it.each(GOLDEN_CASES)('%s', async (name, build) => {
    const out = nftablesBackend.render(build(), renderContext());
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await expect(out.text).toMatchFileSnapshot(`golden/${name}.nft`);
  });
});
