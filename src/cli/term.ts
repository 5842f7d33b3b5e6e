import { createColors } from 'picocolors';

/**
 * Colour only on a terminal, never when NO_COLOR is set (https://no-color.org) or
 * --no-color is given; progress only on an interactive stderr and never in CI.
 */
export interface Term {
  color: boolean;
  colors: ReturnType<typeof createColors>;
  progress(message: string): void;
  done(): void;
}

export function makeTerm(options: { color?: boolean } = {}): Term {
  const env = process.env;
  const stderrTty = process.stderr.isTTY === true;
  const color = options.color !== false && !('NO_COLOR' in env && env.NO_COLOR !== '') && stderrTty && env.TERM !== 'dumb';
  const showProgress = stderrTty && !env.CI;
  let last = 0;
  let shown = false;
  return {
    color,
    colors: createColors(color),
    progress(message: string) {
      if (!showProgress) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\x1b[2K${message}`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
