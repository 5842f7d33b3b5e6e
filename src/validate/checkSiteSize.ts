import { MAX_ASSETS, MAX_ZONES } from '../model/limits.js';
import type { CheckContext } from './checkContext.js';
import { asRecord } from './rawAccess.js';

/** OTPC323/324: a site within the documented size limits (src/model/limits.ts, docs/limits.md). */
export function checkSiteSize(ctx: CheckContext): void {
  const assets = Object.keys(asRecord(ctx.doc.assets) ?? {}).length;
  if (assets > MAX_ASSETS) ctx.issues.add('OTPC323', '/assets', `the site has ${assets} assets; at most ${MAX_ASSETS} are supported in one policy file`, { at: 'key' });
  const zones = Object.keys(asRecord(ctx.doc.zones) ?? {}).length;
  if (zones > MAX_ZONES) ctx.issues.add('OTPC324', '/zones', `the site has ${zones} zones; at most ${MAX_ZONES} are supported in one policy file`, { at: 'key' });
}
