import { UsageError } from '../exitCodes.js';
import { checkOutputFile, stageFileAtomic, writeFileAtomic, writeStdoutChunks } from '../io.js';
import type { OutputChunks, StagedFile } from '../io.js';


export interface PlannedOutput {
  format: string;
  /** File to write; undefined: standard output. */
  target?: string;
}

/**
 * Pairs each --format with its -o (in order). One format may go to standard
 * output (no -o, or "-o -"); every other needs its own file. Checked before any
 * work so a usage mistake never leaves half the outputs written.
 */
export function planOutputs(formats: string[], outputs: string[], known: readonly string[]): PlannedOutput[] {
  for (const f of formats) if (!known.includes(f)) throw new UsageError(`--format ${f}: expected one of ${known.join(', ')}`);
  if (outputs.length > formats.length || (formats.length > 1 && outputs.length !== formats.length)) {
    throw new UsageError(`give one -o FILE per --format, in the same order (${formats.length} format(s), ${outputs.length} -o); -o - is standard output`);
  }
  const plan = formats.map((format, i) => ({ format, ...(outputs[i] !== undefined && outputs[i] !== '-' ? { target: outputs[i] } : {}) }));
  if (plan.filter((p) => p.target === undefined).length > 1) throw new UsageError('only one --format can go to standard output; give the others -o FILE');
  const targets = plan.flatMap((p) => (p.target !== undefined ? [p.target] : []));
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice !== undefined) throw new UsageError(`-o ${twice} is given twice`);
  // refused before any work (OTPC902: a link, a folder, a device, an input of the run), as the write would refuse it after
  for (const t of targets) checkOutputFile(t);
  return plan;
}

/**
 * Writes every output (all texts are already rendered): files atomically (a failed
 * write throws OutputError: exit 2, that file unchanged), then the one stdout format.
 */
export function writeOutputs(items: { target?: string; text: string }[]): void {
  for (const item of items) if (item.target !== undefined) writeFileAtomic(item.target, item.text);
  for (const item of items) if (item.target === undefined) process.stdout.write(item.text);
}

/**
 * writeOutputs for outputs produced piece by piece (reports of large plants): each output's
 * chunks are asked for only when it is written (`chunks` is called then), so one report is
 * being produced at a time. Every file is first written to its temporary file, then the
 * standard-output one is streamed, and only then are the files renamed into place: if any
 * report fails to be produced, no file is changed (the standard output may hold a part).
 */
export async function writeOutputChunks(items: { target?: string; chunks: () => OutputChunks }[]): Promise<void> {
  const staged: StagedFile[] = [];
  try {
    for (const item of items) if (item.target !== undefined) staged.push(await stageFileAtomic(item.target, item.chunks()));
    for (const item of items) if (item.target === undefined) await writeStdoutChunks(item.chunks());
  } catch (e) {
    for (const f of staged) f.discard();
    throw e;
  }
  for (const [i, f] of staged.entries()) {
    try {
      f.publish();
    } catch (e) {
      for (const rest of staged.slice(i + 1)) rest.discard();
      throw e;
    }
  }
}
