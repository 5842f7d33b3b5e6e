import { Command, CommanderError } from 'commander';
import { registerCatalog } from './commands/catalog.js';
import { registerCompile } from './commands/compile.js';
import { registerDiff } from './commands/diff.js';
import { registerReport } from './commands/report.js';
import { registerValidate } from './commands/validate.js';
import { registerDiscover } from './commands/discover.js';
import { registerSimulate } from './commands/simulate.js';
import { registerPlan } from './commands/plan.js';
import { EXIT, UsageError } from './exitCodes.js';
import { OutputError } from './io.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { makeRunner } from './action.js';
import type { Runner } from './action.js';
import { VERSION } from './version.js';


type Registrar = (program: Command, run: Runner) => void;

/** Commands, in the order --help lists them. Later stages add rows here. */
export const COMMANDS: Registrar[] = [registerValidate, registerReport, registerCompile, registerDiff, registerCatalog, registerPlan, registerDiscover, registerSimulate];

export function buildProgram(): { program: Command; result: { code: number } } {
  const result = { code: EXIT.ok as number };
  const program = new Command('otpc')
    .description('OT policy compiler: IEC 62443-3-3 gap reports and firewall/ACL configurations from one YAML policy')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'never colour the output (also: NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', `
Exit codes (the same for every command):
  0  success
  1  findings: report, findings at or above --fail-on (default gap); validate --fail-on warning,
     warnings; diff --fail-on regression|change, such a change; simulate, observed flows that
     enforcement would block (--fail-on outside: also flows with an end outside every zone);
     plan, a boundary not ready
  2  invalid input or usage: every error is printed, nothing is written
  3  internal error (a bug in otpc; OTPC_DEBUG=1 adds the stack trace)

Examples:
  $ otpc validate examples/water-treatment.yaml
  $ otpc report examples/water-treatment.yaml -o report.md
  $ otpc compile examples/water-treatment.yaml -o out/configs
  $ otpc catalog requirements --format json`);
  const run = makeRunner(result);
  for (const register of COMMANDS) register(program, run);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
    cmd.showHelpAfterError('(run with --help for usage)');
  }
  return { program, result };
}

/** `otpc report ... | head` closes stdout early: that is the reader's choice, not an error. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  if (argv.includes('--no-color')) process.env.NO_COLOR = '1';
  const { program, result } = buildProgram();
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.invalid;
    }
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.invalid;
    }
    if (e instanceof OutputError) {
      // a refused or failed output is the user's path or disk, not a bug: FILE: error CODE: message (exit 2)
      process.stderr.write(`${formatDiagnostic(e.toDiagnostic())}\n`);
      return EXIT.invalid;
    }
    if (e instanceof RangeError && /Invalid string length|Invalid array length|Array buffer allocation failed/.test(e.message)) {
      // last line of defence for the documented size limits (docs/limits.md): an output larger
      // than V8 can hold is the input's size, not a bug; nothing has been written at this point
      process.stderr.write(`otpc: error OTPC903: the output is too large to produce (${e.message}); split the site into smaller policy files\n`);
      return EXIT.invalid;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`otpc: error OTPC901: ${e.message}\n`);
      return EXIT.invalid;
    }
    const err = e as Error;
    process.stderr.write(`otpc: internal error OTPC999: ${err?.message ?? String(e)}\n  hint: this is a bug in otpc; please report it with the input file${process.env.OTPC_DEBUG ? `\n${err?.stack ?? ''}` : ' (set OTPC_DEBUG=1 for the stack trace)'}\n`);
    return EXIT.internal;
  }
}
