import { it, expect } from 'vitest';
import { nftablesBackend } from '../../src/backends/nftables/index.js';
import { cellIR, renderContext } from '../backends/nftables/fixtures.js';
import { runOracle, describeProbe } from './oracle.js';
it('dbg', async () => {
  const ep = cellIR('enforce');
  const text = nftablesBackend.render(ep, renderContext()).text;
  const r = await runOracle(ep, text);
  console.log('SKIPPED', r.ms, r.outcomes.length, r.skipped.map(s=>s.label));
  for (const o of r.outcomes) console.log((o.kernel===o.spec.action?'ok  ':'FAIL'), describeProbe(o));
  console.log([...r.counters], [...r.expected]);
}, 60000);
