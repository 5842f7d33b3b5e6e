import type { Command } from 'commander';
import { takeInternalErrorPrinted } from './context.js';
import { EXIT } from './exitCodes.js';
import { setRunInputs } from './io.js';
import type { InputFile } from './io.js';

/** A command action returns its exit code; the runner records it for main(). */
export type CommandAction = (...args: any[]) => number | Promise<number>;
export type Runner = (action: CommandAction) => (...args: any[]) => Promise<void>;

/** Positional arguments that name input files, with the name the refusal message gives them. */
const INPUT_ARGUMENTS: Record<string, string> = { policy: 'the policy', old: 'the OLD policy', new: 'the NEW policy' };
/** Options that name input files (a string or, repeatable, a list); "-" (stdin) is no file. */
const INPUT_OPTIONS: Record<string, string> = { catalog: 'the --catalog file', baseline: 'the --baseline file', flows: 'the --flows file' };

/**
 * The input files of a command invocation, from Commander's action arguments
 * (the declared arguments in order, then the options, then the Command). Every
 * command's inputs are named here, once: a command with a new input argument or
 * option adds its name above, and the writers in io.ts then refuse to overwrite it.
 */
export function inputsOf(args: readonly unknown[]): InputFile[] {
  const command = args[args.length - 1] as Command | undefined;
  const opts = (args[args.length - 2] ?? {}) as Record<string, unknown>;
  const out: InputFile[] = [];
  const add = (value: unknown, role: string) => {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') out.push({ path: v, role });
  };
  (command?.registeredArguments ?? []).forEach((a, i) => {
    const role = INPUT_ARGUMENTS[a.name()];
    if (role !== undefined) add(args[i], role);
  });
  for (const [key, role] of Object.entries(INPUT_OPTIONS)) add(opts[key], role);
  return out;
}

/**
 * Wraps every command action: declares the run's input files to the writers (no output
 * may be one of them), records the exit code, and makes it 3 (internal error) when the
 * command printed an OTPC999 diagnostic, an unexpected failure that a stage caught.
 */
export function makeRunner(result: { code: number }): Runner {
  return (action) => async (...args) => {
    takeInternalErrorPrinted();
    setRunInputs(inputsOf(args));
    try {
      const code = await action(...args);
      result.code = takeInternalErrorPrinted() ? EXIT.internal : code;
    } finally {
      setRunInputs([]);
    }
  };
}
