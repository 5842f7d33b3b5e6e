import type { Assessment } from '../assess/types.js';
import type { Formatter, ReportChunks, ReportContext } from './types.js';

/**
 * A format's report as chunks: its `chunks` when it has them (json, markdown), else its
 * whole text as one chunk. The chunks concatenate to exactly the formatter's text.
 */
export function reportChunks(formatter: Formatter, a: Assessment, ctx: ReportContext): ReportChunks {
  if (formatter.chunks) return formatter.chunks(a, ctx);
  const out = formatter(a, ctx);
  if (typeof out === 'string') return [out];
  return (async function* whole() { yield await out; })();
}

/**
 * A Formatter from a chunk generator: calling it returns the whole text (for tests and
 * library callers), `chunks` the pieces (for the CLI, which writes them as they come).
 */
export function chunkedFormatter(chunks: (a: Assessment, ctx: ReportContext) => Iterable<string>): Formatter {
  const whole = (a: Assessment, ctx: ReportContext): string => {
    let out = '';
    for (const piece of chunks(a, ctx)) out += piece;
    return out;
  };
  return Object.assign(whole, { chunks });
}
