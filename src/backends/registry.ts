import type { Backend } from './types.js';
import { fortiosBackend } from './fortios/index.js';
import { ciscoIosBackend } from './cisco-ios/index.js';
import { ciscoAsaBackend } from './cisco-asa/index.js';
import { nftablesBackend } from './nftables/index.js';

/**
 * The backend registry (STYLE 5): one row per platform; the CLI takes its --target
 * choices from these keys. Adding a vendor = one module + one templates folder + one row here.
 */
export const backends: Record<string, Backend> = {
  fortios: fortiosBackend,
  'cisco-ios': ciscoIosBackend,
  'cisco-asa': ciscoAsaBackend,
  nftables: nftablesBackend,
};

export function backendFor(platform: string): Backend | undefined {
  return Object.prototype.hasOwnProperty.call(backends, platform) ? backends[platform] : undefined;
}
