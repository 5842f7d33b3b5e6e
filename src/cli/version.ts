import { readFileSync } from 'node:fs';

/** otpc's version from package.json: `--version` and the SARIF tool descriptor. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
