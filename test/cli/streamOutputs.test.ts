import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { writeOutputChunks } from '../../src/cli/commands/writeOutputs.js';
import { OutputError, stageFileAtomic, writeStdoutChunks } from '../../src/cli/io.js';
import { runCli, tempDir } from './runCli.js';

/**
 * Reports are written as they are produced (json and markdown device by device): each
 * file through a temporary file that is renamed into place only when every report of
 * the run was produced; standard output chunk by chunk, waiting when the pipe is full.
 */
const t = tempDir();
afterEach(() => vi.restoreAllMocks());
afterAll(() => t.cleanup());

function* pieces(n: number, fail?: number): Generator<string> {
  for (let i = 0; i < n; i++) {
    if (i === fail) throw new Error('formatter exploded');
    yield `piece ${i}\n`;
  }
}

const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.includes('.otpc-'));

describe('writeOutputChunks', () => {
  it('writes every file and standard output, whole', async () => {
    const dir = join(t.dir, 'ok');
    mkdirSync(dir);
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => { out.push(String(c)); return true; });
    await writeOutputChunks([
      { target: join(dir, 'a.json'), chunks: () => pieces(3) },
      { chunks: () => pieces(2) },
      { target: join(dir, 'b.md'), chunks: async function* () { yield 'async '; yield 'chunks\n'; } },
    ]);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('piece 0\npiece 1\npiece 2\n');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('async chunks\n');
    expect(out.join('')).toBe('piece 0\npiece 1\n');
    expect(temporaries(dir)).toEqual([]);
  });

  it('a report that fails part-way changes no file, not even one already produced, and leaves no temporary file', async () => {
    const dir = join(t.dir, 'fail');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), 'old a\n');
    writeFileSync(join(dir, 'b.md'), 'old b\n');
    await expect(writeOutputChunks([
      { target: join(dir, 'a.json'), chunks: () => pieces(5) },
      { target: join(dir, 'b.md'), chunks: () => pieces(5, 3) },
    ])).rejects.toThrow('formatter exploded');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a\n');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('old b\n');
    expect(temporaries(dir)).toEqual([]);
  });

  it('a report to standard output that fails changes no file', async () => {
    const dir = join(t.dir, 'stdout-fail');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), 'old a\n');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await expect(writeOutputChunks([
      { target: join(dir, 'a.json'), chunks: () => pieces(2) },
      { chunks: () => pieces(4, 1) },
    ])).rejects.toThrow('formatter exploded');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a\n');
    expect(temporaries(dir)).toEqual([]);
  });

  it('asks each output for its chunks only when it is written', async () => {
    const dir = join(t.dir, 'lazy');
    mkdirSync(dir);
    const asked: string[] = [];
    await writeOutputChunks(['x', 'y'].map((name) => ({ target: join(dir, name), chunks: () => { asked.push(name); return [`${name}:${asked.join(',')}`]; } })));
    expect([readFileSync(join(dir, 'x'), 'utf8'), readFileSync(join(dir, 'y'), 'utf8')]).toEqual(['x:x', 'y:x,y']);
  });
});

describe('stageFileAtomic', () => {
  it('refuses a symbolic link (OTPC902) before producing anything', async () => {
    const link = join(t.dir, 'link.json');
    symlinkSync(join(t.dir, 'elsewhere.json'), link);
    let produced = false;
    await expect(stageFileAtomic(link, (function* () { produced = true; yield 'x'; })())).rejects.toBeInstanceOf(OutputError);
    expect(produced).toBe(false);
  });

  it('writes a large output in batches; nothing is visible before publish', async () => {
    const target = join(t.dir, 'large.txt');
    const line = `${'x'.repeat(999)}\n`;
    const staged = await stageFileAtomic(target, (function* () { for (let i = 0; i < 3000; i++) yield line; })());
    expect(readdirSync(t.dir)).not.toContain('large.txt');
    staged.publish();
    expect(readFileSync(target, 'utf8')).toBe(line.repeat(3000));
  });
});

describe('writeStdoutChunks', () => {
  it('waits for "drain" when standard output is full, then goes on in order', async () => {
    const written: string[] = [];
    const stdout = process.stdout as unknown as EventEmitter;
    let full = true;
    vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
      written.push(String(c));
      if (full) {
        full = false;
        setTimeout(() => stdout.emit('drain'), 5);
        return false;
      }
      return true;
    });
    const big = 'y'.repeat(1 << 20);
    let producedAfterFull = 0;
    const chunks = (function* () {
      yield big;
      producedAfterFull = written.length;
      yield 'tail\n';
    })();
    await writeStdoutChunks(chunks);
    expect(written.join('')).toBe(`${big}tail\n`);
    // the second chunk was asked for only after the first write had drained
    expect(producedAfterFull).toBe(1);
    expect(stdout.listenerCount('drain')).toBe(0);
  });
});

describe('otpc report writes large reports piece by piece', () => {
  it('json and markdown to files and sarif to standard output: the same text as the formatters', async () => {
    const dir = join(t.dir, 'cli');
    mkdirSync(dir);
    const r = await runCli(['report', 'examples/water-treatment.yaml', '--date', '2026-11-25', '--fail-on', 'never',
      '-f', 'json', '-o', join(dir, 'r.json'), '-f', 'markdown', '-o', join(dir, 'r.md'), '-f', 'sarif', '-o', '-']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe(readFileSync('test/golden/examples/water-treatment/report.json', 'utf8'));
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toBe(readFileSync('test/golden/examples/water-treatment/report.md', 'utf8'));
    expect(JSON.parse(r.stdout).version).toBe('2.1.0');
  });
});
