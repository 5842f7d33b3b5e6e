// `npm run bench`: every benchmark, printed as Markdown tables for BENCHMARKS.md.
// Not a test: nothing here fails on a slow machine; the targets table says met / not met.
// Environment: BENCH_REPEAT, BENCH_SIZES, BENCH_CLI_REPEAT (bench/plants.js),
// BENCH_SIMULATE=0 to skip the 5M-flow `otpc simulate` run, BENCH_SIMULATE_FLOWS.
import { existsSync } from 'node:fs';
import { benchExamples, exampleRuleCounts, ruleCountsTable } from './examples.js';
import { benchPlants } from './plants.js';
import { cliTable, machineInfo, machineTable, plantsTable, stagesTable, targetsTable } from './tables.js';

const before = machineInfo();

const examples = await benchExamples();
const plants = await benchPlants();
let simulate;
if (process.env.BENCH_SIMULATE !== '0' && existsSync(new URL('./simulate.js', import.meta.url))) {
  process.stderr.write('bench: otpc simulate...\n');
  const { benchSimulate } = await import('./simulate.js');
  simulate = await benchSimulate({ flows: Number(process.env.BENCH_SIMULATE_FLOWS ?? 5_000_000) });
}
const after = machineInfo();

console.log('## Machine\n');
console.log(machineTable(before, after));

console.log('\n## Bundled examples (median of runs, ms)\n');
console.log('analyse = load, validate, assess and rule analysis (analyzePolicy); compile = rule IR, optimise, render all targets.\n');
console.log('| example | bytes | assets | conduits | yaml parse | analyse | compile all targets | json+md report |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of examples) {
  console.log(`| ${r.file} | ${r.bytes} | ${r.assets} | ${r.conduits} | ${r.parse.toFixed(1)} | ${r.analyze.toFixed(1)} | ${r.compile.toFixed(1)} | ${r.report.toFixed(1)} |`);
}

console.log('\n## Rule counts of the bundled examples, one rule per flow -> optimised\n');
console.log(ruleCountsTable(exampleRuleCounts()));

console.log('\n## Generated plants (bench/generatePlant.js)\n');
console.log(plantsTable(plants));
console.log(`\n### Stages, wall time (median of ${plants[0]?.repeat} passes in one process)\n`);
console.log(stagesTable(plants, 'wall'));
console.log('\n### Stages, CPU time (user + system, same passes)\n');
console.log(stagesTable(plants, 'cpu'));
console.log(`\n### Command line, end to end (child processes, median of ${process.env.BENCH_CLI_REPEAT ?? 3} runs)\n`);
console.log(cliTable(plants));
console.log('\n### Targets (issue 7)\n');
console.log(targetsTable(plants));

if (simulate) {
  console.log('\n## otpc simulate on a large baseline (bench/simulate.js)\n');
  console.log('| example | records | distinct flows | file MB | read s | simulate s | flows/s (read+simulate) | peak RSS MB |');
  console.log('|---|---|---|---|---|---|---|---|');
  const r = simulate;
  console.log(`| ${r.example} | ${r.records} | ${r.distinct} | ${(r.bytes / 1e6).toFixed(0)} | ${r.readSeconds.toFixed(2)} | ${r.simulateSeconds.toFixed(2)} | ${r.flowsPerSecond} | ${r.peakRssMB} |`);
}
