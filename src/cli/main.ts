import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { registerCatalog } from './commands/catalog.js';
import { registerCompile } from './commands/compile.js';
import { registerReport } from './commands/report.js';
import { registerValidate } from './commands/validate.js';
import { EXIT, UsageError } from './exitCodes.js';
import { makeRunner } from './action.js';
import type { Runner } from './action.js';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

type Registrar = (program: Command, run: Runner) => void;

/** Commands, in the order --help lists them. Later stages add rows here. */
export const COMMANDS: Registrar[] = [registerValidate, registerReport, registerCompile, registerCatalog];

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
Exit codes: 0 success; 1 findings at or above --fail-on (report) or flows enforcement would block (simulate);
2 invalid input or usage; 3 internal error.

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

export async function main(argv: string[]): Promise<number> {
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
    if (e instanceof UsageError) {
      process.stderr.write(`otpc: error OTPC901: ${e.message}\n`);
      return EXIT.invalid;
    }
    const err = e as Error;
    process.stderr.write(`otpc: internal error OTPC999: ${err?.message ?? String(e)}\n  hint: this is a bug in otpc; please report it with the input file${process.env.OTPC_DEBUG ? `\n${err?.stack ?? ''}` : ' (set OTPC_DEBUG=1 for the stack trace)'}\n`);
    return EXIT.internal;
  }
}
