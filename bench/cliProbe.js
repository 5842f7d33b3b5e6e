// Runs the otpc CLI exactly as bin/otpc.js does, then reports this process's peak RSS and
// CPU time as one JSON line on fd 3 (stdout and stderr stay the CLI's own). Used by
// bench/plants.js to time `otpc compile` and `otpc report` end to end in a child process:
//
//   node bench/cliProbe.js compile plant.yaml -o out/   3> probe.json
import { writeSync } from 'node:fs';

const dist = new URL(process.env.OTPC_BENCH_DIST ?? '../dist/', import.meta.url);
const { main } = await import(new URL('cli/main.js', dist).href);

const code = await main(process.argv.slice(2));
const usage = process.resourceUsage();
const probe = { code, maxRssKB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
try {
  writeSync(3, `${JSON.stringify(probe)}\n`);
} catch {
  process.stderr.write(`${JSON.stringify(probe)}\n`);
}
process.exitCode = code;
