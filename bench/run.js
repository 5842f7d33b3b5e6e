// `npm run bench`: every benchmark, printed as Markdown tables for BENCHMARKS.md.
import { benchExamples } from './examples.js';

const rows = await benchExamples();
console.log('## Bundled examples (median of runs, ms)\n');
console.log('| example | bytes | assets | conduits | yaml parse | load+validate+assess | compile all targets | json+md report |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.file} | ${r.bytes} | ${r.assets} | ${r.conduits} | ${r.parse.toFixed(1)} | ${r.analyze.toFixed(1)} | ${r.compile.toFixed(1)} | ${r.report.toFixed(1)} |`);
}
