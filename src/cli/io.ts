import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Largest policy or catalogue file read (documented limit; the loader has its own too). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; diagnostic: Diagnostic };

/** Read an input file, refusing non-regular files and files over the size limit before reading them. */
export function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES): ReadResult {
  const fail = (code: string, message: string, hint?: string): ReadResult => ({
    ok: false, diagnostic: { code, severity: 'error', file: path, message, ...(hint ? { hint } : {}) },
  });
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    return fail('OTPC112', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (!st.isFile()) return fail('OTPC112', `${path} is not a regular file`);
  if (st.size > maxBytes) {
    return fail('OTPC107', `${path} is ${st.size} bytes; the limit is ${maxBytes} bytes`, 'Split the site into several policy files.');
  }
  try {
    return { ok: true, bytes: readFileSync(path) };
  } catch (e) {
    return fail('OTPC112', `cannot read ${path}: ${(e as Error).message}`);
  }
}

function writeFileDurably(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Write one file atomically: temp file in the same folder, then rename over the target. */
export function writeFileAtomic(path: string, content: string): void {
  const target = resolve(path);
  if (existsSync(target) && !lstatSync(target).isFile()) throw new Error(`${path} exists and is not a regular file`);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.otpc-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileDurably(tmp, content);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Write a set of files into a folder all-or-nothing: everything is written into a
 * staging folder next to the target first; only when every file is complete are they
 * renamed into place. On any error the output folder is left as it was.
 */
export function writeFolderAtomic(dir: string, files: { path: string; content: string }[]): void {
  const target = resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new Error(`${dir} exists and is not a folder`);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(target)}.otpc-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging);
  try {
    for (const f of files) writeFileDurably(join(staging, f.path), f.content);
    if (!existsSync(target)) {
      renameSync(staging, target);
      return;
    }
    for (const f of files) {
      const dest = join(target, f.path);
      if (existsSync(dest) && !lstatSync(dest).isFile()) throw new Error(`${dest} exists and is not a regular file`);
    }
    for (const f of files) renameSync(join(staging, f.path), join(target, f.path));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export function listFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
