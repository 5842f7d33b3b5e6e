import { it, expect } from 'vitest';
import { nftablesBackend } from '../../src/backends/nftables/index.js';
import { evaluate } from '../../src/rules/evaluate.js';
import { cellIR, rangesIR, waterIR, renderContext } from '../backends/nftables/fixtures.js';
import { buildCorpus } from '../support/packetCorpus.js';
import { nftRoundTripSync } from './run.js';
import { parseRuleset } from './nftJson.js';
import { checkStructure } from './checkStructure.js';
import { interpret, ruleNumberOf } from './nftInterpreter.js';
it('dbg3', () => {
  for (const ep of [cellIR('enforce'), cellIR('monitor'), rangesIR('enforce'), waterIR('enforce'), cellIR('enforce', { 'fw-cell:cell|ops': 'monitor' })]) {
    const text = nftablesBackend.render(ep, renderContext()).text;
    const r = nftRoundTripSync(text);
    expect(r.code, r.stderr).toBe(0);
    const rs = parseRuleset(r.stdout);
    console.log(ep.id, ep.phase, checkStructure(rs, ep));
    const corpus = buildCorpus(ep, { max: 2000 });
    let mism = 0, n = 0;
    for (const p of corpus) {
      const s = evaluate(ep, p); const k = interpret(rs, ep, p);
      if (p.established && p.transport !== 'tcp') continue;
      n++;
      if (s.action !== k.action) { mism++; if (mism < 5) console.log('MISMATCH', JSON.stringify(p, (_, v) => typeof v === 'bigint' ? v.toString() : v), s, k.rule?.logPrefix, k.rule?.comment); }
    }
    console.log(ep.id, 'corpus', n, 'mismatches', mism);
  }
});
