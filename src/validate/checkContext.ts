import type { Catalogs } from '../catalog/types.js';
import type { Issues } from './issue.js';
import type { Raw } from './rawAccess.js';

/** What every semantic check reads: the document (possibly schema-invalid), catalogues, options and the issue list. */
export interface CheckContext {
  doc: Raw;
  catalogs: Catalogs;
  issues: Issues;
  /** YYYY-MM-DD, the date waivers are checked against. */
  today: string;
  warnExpiringDays: number;
  index: SiteIndex;
}

/** Ids defined in the document, computed once. */
export interface SiteIndex {
  zones: Set<string>;
  /** asset id -> its zone id when that is a defined zone, else undefined. */
  assetZone: Map<string, string | undefined>;
}
