import type { Backend } from './types.js';

/**
 * The backend registry (STYLE 5): one row per platform; the CLI takes its --target
 * choices from these keys. Adding a vendor = one module + one templates folder + one row here.
 */
export const backends: Record<string, Backend> = {};

export function backendFor(platform: string): Backend | undefined {
  return Object.prototype.hasOwnProperty.call(backends, platform) ? backends[platform] : undefined;
}
