import type { RenderContext } from '../types.js';

/** The site line of every config header: "Riverside Water Treatment (riverside-wtp)", or the id alone. */
export function siteLabel(site: RenderContext['site']): string | undefined {
  if (!site) return undefined;
  return site.name !== undefined && site.name !== '' ? `${site.name} (${site.id})` : site.id;
}
