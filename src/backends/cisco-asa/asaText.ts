import { cleanCliText as clean, wrapCliText } from '../common/wrapCliText.js';
import type { Platform } from '../../catalog/types.js';

/**
 * Free text on its way to the ASA CLI. A remark or description runs to the end of the
 * line with no quoting, so a newline would start a new command and `?` opens inline
 * help (vendors.md sections 0.4 and 2.3). sanitizeComment reduces the text to printable
 * ASCII without quotes, backslash or `?`; here we also drop leading spaces and `!`
 * (ASA keeps leading spaces of a remark; `!` reads as a comment) and never print an
 * empty remark.
 */

/** ACL remarks: "up to 100 characters" (vendors.md section 2.3). */
export const ASA_REMARK_MAX = 100;
/** `description` of objects and object-groups: ASA takes 200; we keep the remark limit. */
export const ASA_DESCRIPTION_MAX = 100;
/** `!` comment lines are not read by the ASA; keep them readable. */
export const ASA_COMMENT_MAX = 200;
/** Width of wrapped `!` lines (header description). */
export const ASA_WRAP = 100;
/** A rule's remark wraps over at most this many `remark` lines; the full text is in trace.json. */
export const ASA_REMARK_LINES = 3;


function limit(platform: Platform, max: number): number {
  return Math.max(1, Math.min(platform.limits.commentMax, max));
}

export function remarkText(text: string, platform: Platform, fallback: string): string {
  const max = limit(platform, ASA_REMARK_MAX);
  return clean(text, max) || clean(fallback, max) || 'otpc';
}

/** Wrapped CLI text (shared with the other Cisco backend). */
export const wrapText = wrapCliText;

/** A rule's remark as up to three `remark` lines of at most 100 characters (never none). */
export function remarkLines(text: string, platform: Platform, fallback: string): string[] {
  const lines = wrapText(text, limit(platform, ASA_REMARK_MAX), ASA_REMARK_LINES);
  return lines.length > 0 ? lines : [remarkText(fallback, platform, fallback)];
}

export function descriptionText(text: string, platform: Platform): string {
  return clean(text, limit(platform, ASA_DESCRIPTION_MAX)) || 'otpc object';
}

/** Text of a `!` comment line (the template prints the `! ` prefix). */
export function commentText(text: string): string {
  return clean(text, ASA_COMMENT_MAX);
}
