import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { nftablesBackend } from '../../../src/backends/nftables/index.js';
import { cellIR, rangesIR, renderContext, waterIR } from './fixtures.js';
it('scratch', () => {
  for (const [n, ep] of [['water', waterIR('enforce')], ['cell', cellIR('enforce')], ['ranges', rangesIR('enforce')], ['cellmon', cellIR('monitor')]] as const) {
    const r = nftablesBackend.render(ep, renderContext());
    writeFileSync(`/tmp/nftexp/${n}.nft`, r.text);
    writeFileSync(`/tmp/nftexp/${n}.diag`, JSON.stringify(r.diagnostics, null, 1));
  }
});
