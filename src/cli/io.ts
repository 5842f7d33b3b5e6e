import { randomBytes } from 'node:crypto';
import {
  closeSync, copyFileSync, fstatSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readSync,
  renameSync, rmSync, statSync, unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from './exitCodes.js';

/**
 * The only place where otpc touches the file system for its inputs and outputs.
 * Policy (docs/limits.md "Paths"): otpc is a local CLI and the user chooses the
 * paths, so "..", absolute paths and symlinked INPUT files are accepted; but an
 * input must be a regular file (never a FIFO, device or folder, which could block
 * or never end), and an output is never written through a symbolic link or into
 * something that is not a folder / regular file, and never half-written.
 */

/** Largest policy or catalogue file read (documented limit; the loader has its own too). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; diagnostic: Diagnostic };

/** An output path that otpc refuses (OTPC902) or a write that failed (OTPC903); nothing was changed. */
export class OutputError extends UsageError {
  constructor(readonly code: 'OTPC902' | 'OTPC903', readonly path: string, message: string) {
    super(message);
  }

  toDiagnostic(): Diagnostic {
    return { code: this.code, severity: 'error', file: this.path, message: this.message };
  }
}

function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException)?.code;
}

function describeErrno(e: unknown): string {
  switch (errnoOf(e)) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOSPC': return 'no space left on the device';
    case 'EROFS': return 'read-only file system';
    case 'ENOTDIR': return 'a part of the path is a file, not a folder';
    case 'EISDIR': return 'is a folder';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENAMETOOLONG': return 'the path is too long';
    default: return (e as Error)?.message ?? String(e);
  }
}

/** Path errors (the user gave a path that cannot be used) vs I/O errors (the disk said no). */
function outputError(path: string, what: string, e: unknown): OutputError {
  const pathProblem = ['ENOTDIR', 'EISDIR', 'ELOOP', 'ENAMETOOLONG', 'EEXIST', 'ENOTEMPTY'].includes(errnoOf(e) ?? '');
  return new OutputError(pathProblem ? 'OTPC902' : 'OTPC903', path, `${what}: ${describeErrno(e)}`);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${n} bytes`;
}

/**
 * Read an input file, refusing non-regular files (FIFOs, devices, folders) before
 * opening them and files over the size limit before reading them. At most
 * maxBytes + 1 bytes are ever read, so a file that grows meanwhile, or a /proc
 * file that reports size 0, cannot make otpc read without end.
 */
export function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES): ReadResult {
  const fail = (code: string, message: string, hint?: string): ReadResult => ({
    ok: false, diagnostic: { code, severity: 'error', file: path, message, ...(hint ? { hint } : {}) },
  });
  const tooLarge = (size: string) => fail('OTPC107', `the file is ${size}; the limit is ${formatBytes(maxBytes)}`, 'Split the site into several policy files.');
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    return fail('OTPC112', `cannot read ${path}: ${describeErrno(e)}`);
  }
  if (st.isDirectory()) return fail('OTPC112', `${path} is a folder, not a file`);
  if (!st.isFile()) return fail('OTPC112', `${path} is not a regular file (a FIFO, socket or device is never read)`);
  if (st.size > maxBytes) return tooLarge(formatBytes(st.size));
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (!fstatSync(fd).isFile()) return fail('OTPC112', `${path} is not a regular file`);
    const buf = Buffer.alloc(Math.min(maxBytes + 1, Math.max(st.size + 1, 64 * 1024)));
    let chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return tooLarge(`more than ${formatBytes(maxBytes)}`);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    const bytes = new Uint8Array(Buffer.concat(chunks, total));
    chunks = [];
    return { ok: true, bytes };
  } catch (e) {
    return fail('OTPC112', `cannot read ${path}: ${describeErrno(e)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * An input file of the current run: the policy file(s), diff's OLD and NEW, --catalog,
 * --baseline, --flows. The runner (action.ts) declares them before a command runs; every
 * writer below refuses (OTPC902) an output that is one of them, so `report plant.yaml
 * -o plant.yaml` can never replace the policy with its report.
 */
export interface InputFile {
  path: string;
  /** How the user gave it, for the message: "the policy", "--catalog", ... */
  role: string;
}

let runInputs: readonly InputFile[] = [];

/** The inputs of the command about to run ([] when it ends); see refuseInputAsOutput. */
export function setRunInputs(inputs: readonly InputFile[]): void {
  runInputs = inputs.filter((i) => i.path !== '' && i.path !== '-');
}

/** st_dev/st_ino of an existing path (symbolic links followed), else undefined. */
function identityOf(path: string): { dev: number; ino: number } | undefined {
  try {
    const st = statSync(path);
    return { dev: st.dev, ino: st.ino };
  } catch {
    return undefined;
  }
}

/**
 * Refuses (OTPC902) writing, replacing or removing `path` when it is the same file
 * (st_dev and st_ino: the same path, a hard link, or a path through a symbolic link)
 * as an input of the run. A path that does not exist yet cannot be an input.
 * `shown` is the path as the user wrote it (or as otpc joined it), for the message.
 */
export function refuseInputAsOutput(path: string, shown = path): void {
  if (runInputs.length === 0) return;
  const out = identityOf(path);
  if (!out) return;
  for (const input of runInputs) {
    const id = identityOf(input.path);
    if (id && id.dev === out.dev && id.ino === out.ino) {
      throw new OutputError('OTPC902', shown, `is the same file as ${input.role} ${input.path}; otpc never writes over an input of the run (give another output path)`);
    }
  }
}

/**
 * The checks of an output file path before any work (planOutputs, discover, simulate):
 * refused now (OTPC902) what the atomic write would refuse later, so nothing is computed
 * or written first. A missing path is fine (created on write).
 */
export function checkOutputFile(path: string): void {
  let st;
  try { st = lstatSync(path); } catch { return; }
  if (st.isSymbolicLink()) throw new OutputError('OTPC902', path, 'is a symbolic link; otpc does not write through links (give the real path)');
  if (!st.isFile()) throw new OutputError('OTPC902', path, `exists and is not a regular file (${st.isDirectory() ? 'a folder' : 'a device, FIFO or socket'})`);
  refuseInputAsOutput(path);
}

/** Steps of an output write, for fault-injection tests only (see test/robustness/atomic.test.ts). */
export type WriteStep = 'write' | 'backup' | 'place' | 'remove' | 'publish';
let faultHook: ((step: WriteStep, path: string) => void) | undefined;

/** Test seam: call `hook` before every step of an output write; it may throw to simulate a failure. */
export function setWriteFaultHookForTests(hook: ((step: WriteStep, path: string) => void) | undefined): void {
  faultHook = hook;
}

function writeFileDurably(path: string, content: string): void {
  faultHook?.('write', path);
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync a folder so that the renames in it survive a power cut (best effort: not every file system allows it). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch {
    // not supported here; the renames are still atomic, only not yet durable
  }
}

/** lstat that returns undefined for a missing path. */
function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return undefined;
    throw e;
  }
}

function mkdirParent(path: string, shown: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw outputError(shown, `cannot create the folder ${dirname(shown)}`, e);
  }
}

/**
 * The checks before writing an output file, and the temporary file next to it. Refuses
 * (OTPC902) a target that exists and is not a regular file: a symlink (the link would be
 * replaced, or written through), a folder, a FIFO or a device (renaming over /dev/null as
 * root would replace the device node), and an input of the run (refuseInputAsOutput).
 */
function prepareTarget(path: string): { target: string; tmp: string } {
  const target = resolve(path);
  const st = lstatOrUndefined(target);
  if (st?.isSymbolicLink()) throw new OutputError('OTPC902', path, 'is a symbolic link; otpc does not write through links (give the real path)');
  if (st && !st.isFile()) throw new OutputError('OTPC902', path, `exists and is not a regular file (${st.isDirectory() ? 'a folder' : 'a device, FIFO or socket'})`);
  if (st) refuseInputAsOutput(target, path);
  mkdirParent(target, path);
  return { target, tmp: join(dirname(target), `.${basename(target)}.otpc-${randomBytes(6).toString('hex')}.tmp`) };
}

/**
 * Write one file atomically: a temporary file in the same folder, fsync, then a
 * rename over the target, so a reader sees the old file or the new one, never
 * a part (checks: prepareTarget).
 */
export function writeFileAtomic(path: string, content: string): void {
  const { target, tmp } = prepareTarget(path);
  try {
    writeFileDurably(tmp, content);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e instanceof OutputError ? e : outputError(path, 'cannot write the file', e);
  }
  publishTemporary(tmp, target, path);
}

/** Rename a written temporary file over its target and fsync the folder; on failure remove it. */
function publishTemporary(tmp: string, target: string, path: string): void {
  try {
    faultHook?.('publish', target);
    renameSync(tmp, target);
    syncFolder(dirname(target));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e instanceof OutputError ? e : outputError(path, 'cannot write the file', e);
  }
}

/** Pieces of an output written as they are produced (a report of 10,000 devices is ~400 MB). */
export type OutputChunks = Iterable<string> | AsyncIterable<string>;

/** Writes are batched to about this many UTF-16 code units: one syscall per ~1 MB, not per device. */
const WRITE_BATCH = 1 << 20;

/**
 * Write the whole text. writeSync of a string (encoded by Node without a separate Buffer,
 * about twice as fast for 1 MB pieces) normally takes every byte of a regular file; should
 * it take fewer, the rest is written from the encoded bytes.
 */
function writeAllSync(fd: number, text: string): void {
  const written = writeSync(fd, text);
  const total = Buffer.byteLength(text, 'utf8');
  if (written === total) return;
  const bytes = Buffer.from(text, 'utf8');
  let offset = written;
  while (offset < total) offset += writeSync(fd, bytes, offset, total - offset);
}

/** An output file written to a temporary file next to it, not yet visible under its name. */
export interface StagedFile {
  /** Rename the temporary file over the target (atomic), then fsync the folder. */
  publish(): void;
  /** Remove the temporary file; the target stays as it was. */
  discard(): void;
}

/**
 * The first half of writeFileAtomic for content produced piece by piece: the same checks,
 * then every chunk written to the temporary file as it comes (batched), fsync, close.
 * Nothing is visible under the target's name until publish(); on any failure the
 * temporary file is removed and the target is untouched. Memory stays bounded by one
 * chunk and one batch, whatever the size of the output.
 */
export async function stageFileAtomic(path: string, chunks: OutputChunks): Promise<StagedFile> {
  const { target, tmp } = prepareTarget(path);
  let fd: number | undefined;
  try {
    faultHook?.('write', tmp);
    fd = openSync(tmp, 'wx', 0o644);
    let batch = '';
    for await (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= WRITE_BATCH) {
        writeAllSync(fd, batch);
        batch = '';
      }
    }
    if (batch.length > 0) writeAllSync(fd, batch);
    fsyncSync(fd);
  } catch (e) {
    if (fd !== undefined) try { closeSync(fd); } catch { /* already failing */ }
    rmSync(tmp, { force: true });
    // an error of the producer (a formatter) is not an output error: it keeps its own meaning
    throw e instanceof OutputError || errnoOf(e) === undefined ? e : outputError(path, 'cannot write the file', e);
  }
  closeSync(fd);
  return {
    publish() {
      publishTemporary(tmp, target, path);
    },
    discard() {
      rmSync(tmp, { force: true });
    },
  };
}

/**
 * Standard output, chunk by chunk, honouring backpressure: when the pipe's buffer is full
 * (write returns false), wait for 'drain' before producing more, so a slow reader does not
 * make otpc hold the whole report. A closed pipe is handled by main (EPIPE: exit quietly).
 */
export async function writeStdoutChunks(chunks: OutputChunks): Promise<void> {
  const out = process.stdout;
  let batch = '';
  const flush = async () => {
    const text = batch;
    batch = '';
    if (out.write(text)) return;
    await new Promise<void>((done) => {
      const resume = () => {
        out.off('drain', resume);
        out.off('close', resume);
        done();
      };
      out.on('drain', resume);
      out.on('close', resume);
    });
  };
  for await (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= WRITE_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
}

/** A plain file name inside the output folder: no folder part, nothing hidden, no "..". */
function checkName(name: string): void {
  if (name === '' || name !== basename(name) || name.startsWith('.') || name.includes('\\') || name.includes('\u0000')) {
    throw new Error(`internal: output file name ${JSON.stringify(name)} is not a plain file name`);
  }
}

export interface FolderWriteOptions {
  /**
   * Files in the existing folder that an earlier otpc run wrote (e.g. listed in its
   * trace.json). Those not written again are removed, in the same all-or-nothing step.
   */
  previous?: (dir: string) => string[];
}

export interface FolderWriteResult {
  written: string[];
  /** Files of an earlier run that this run does not produce, now removed. */
  removed: string[];
}

/** One undoable change to the existing folder. */
interface Undo {
  (): void;
}

/**
 * Write a set of files into a folder all-or-nothing. New folder: everything is
 * written into a staging folder next to it, then the staging folder is renamed
 * into place. Existing folder: the files are staged inside it (same file
 * system), each old file is kept as a hard link (or copy) in the staging folder's .old/,
 * then each new file is renamed over the old one; stale files of an earlier run
 * are moved into the staging folder. If any step fails, every step done so far
 * is undone, so the folder is left exactly as it was; files otpc did not write
 * are never touched. Throws OutputError (OTPC902 path refused, OTPC903 write failed).
 */
export function writeFolderAtomic(dir: string, files: { path: string; content: string }[], options: FolderWriteOptions = {}): FolderWriteResult {
  for (const f of files) checkName(f.path);
  const target = resolve(dir);
  if (!checkOutputFolder(dir)) return writeNewFolder(dir, target, files);
  const previous = options.previous?.(target) ?? [];
  refuseInputsInFolder(dir, [...files.map((f) => f.path), ...previous]);
  return replaceInFolder(dir, target, files, previous);
}

/**
 * Refuses (OTPC902) an existing output folder in which one of the files otpc would
 * replace or remove (`names`: the files it writes and the stale files of an earlier run)
 * is an input of the run. Files of the folder that otpc does not write are never touched,
 * so an input elsewhere in the folder (`compile plant.yaml -o .`) is no danger and allowed.
 */
export function refuseInputsInFolder(dir: string, names: readonly string[]): void {
  const target = resolve(dir);
  for (const name of new Set(names)) {
    if (name === basename(name)) refuseInputAsOutput(join(target, name), join(dir, name));
  }
}

/**
 * Checks an output folder path before any work (compile calls it first, so a bad
 * -o fails fast): returns true when it is an existing real folder, false when it
 * does not exist yet; throws OTPC902 for a symbolic link or anything that is not a
 * folder (a regular file, /dev/null, a FIFO). A ".." in the path is fine: the user
 * chooses where output goes.
 */
export function checkOutputFolder(dir: string): boolean {
  let st;
  try {
    st = lstatOrUndefined(resolve(dir));
  } catch (e) {
    throw outputError(dir, 'cannot use the output folder', e);
  }
  if (st?.isSymbolicLink()) throw new OutputError('OTPC902', dir, 'is a symbolic link; otpc does not write through links (give the real folder)');
  if (st && !st.isDirectory()) throw new OutputError('OTPC902', dir, `exists and is not a folder (${st.isFile() ? 'a regular file' : 'a device, FIFO or socket'})`);
  return st !== undefined;
}

function writeNewFolder(dir: string, target: string, files: { path: string; content: string }[]): FolderWriteResult {
  mkdirParent(target, dir);
  const staging = join(dirname(target), `.${basename(target)}.otpc-${randomBytes(6).toString('hex')}`);
  try {
    mkdirSync(staging);
    for (const f of files) writeFileDurably(join(staging, f.path), f.content);
    faultHook?.('publish', target);
    renameSync(staging, target);
    syncFolder(dirname(target));
    return { written: files.map((f) => f.path), removed: [] };
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e instanceof OutputError ? e : outputError(dir, 'cannot write the output folder', e);
  }
}

function replaceInFolder(dir: string, target: string, files: { path: string; content: string }[], previous: string[]): FolderWriteResult {
  const names = new Set(files.map((f) => f.path));
  // refuse before changing anything: a folder, link or device where a file of ours goes
  for (const name of names) {
    const s = lstatOrUndefined(join(target, name));
    if (s && !s.isFile()) throw new OutputError('OTPC902', join(dir, name), `exists and is not a regular file (${s.isSymbolicLink() ? 'a symbolic link' : s.isDirectory() ? 'a folder' : 'a device or FIFO'}); otpc replaces only regular files`);
  }
  const stale = [...new Set(previous)].filter((n) => !names.has(n) && n === basename(n) && lstatOrUndefined(join(target, n))?.isFile()).sort();
  const staging = join(target, `.otpc-staging-${randomBytes(6).toString('hex')}`);
  const undo: Undo[] = [];
  try {
    mkdirSync(staging);
    mkdirSync(join(staging, '.old'));
    for (const f of files) writeFileDurably(join(staging, f.path), f.content);
    for (const name of [...names].sort()) placeFile(target, staging, name, undo);
    for (const name of stale) {
      faultHook?.('remove', join(target, name));
      renameSync(join(target, name), join(staging, '.old', name));
      undo.push(() => renameSync(join(staging, '.old', name), join(target, name)));
    }
    syncFolder(target);
  } catch (e) {
    for (const step of undo.reverse()) {
      try { step(); } catch { /* keep undoing the rest; the staging folder keeps the old copies */ }
    }
    rmSync(staging, { recursive: true, force: true });
    throw e instanceof OutputError ? e : outputError(dir, 'cannot write the output folder; it was left as it was', e);
  }
  rmSync(staging, { recursive: true, force: true });
  return { written: files.map((f) => f.path), removed: stale };
}

/** Keep the old file (hard link, else copy) in staging/.old, then rename the new one over it. */
function placeFile(target: string, staging: string, name: string, undo: Undo[]): void {
  const dest = join(target, name);
  const backup = join(staging, '.old', name);
  if (lstatOrUndefined(dest)) {
    faultHook?.('backup', dest);
    try { linkSync(dest, backup); } catch { copyFileSync(dest, backup); }
    faultHook?.('place', dest);
    renameSync(join(staging, name), dest);
    undo.push(() => renameSync(backup, dest));
  } else {
    faultHook?.('place', dest);
    renameSync(join(staging, name), dest);
    undo.push(() => unlinkSync(dest));
  }
}

export function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
