import { cleanCliText as clean, wrapCliText } from '../common/wrapCliText.js';
import type { Platform } from '../../catalog/types.js';

/**
 * Free text on its way to the IOS CLI. A remark or description runs to the end of
 * the line with no quoting, so a newline would start a new command and `?` opens
 * inline help (vendors.md sections 0.4, 2.2 and 3). sanitizeComment reduces the text
 * to printable ASCII without quotes, backslash or `?`; here we also drop a leading
 * `!` (it reads as a comment) and never print an empty remark.
 */

/** "Each remark is limited to 100 characters" (IOS, "Commented IP Access List Entries"). */
export const IOS_REMARK_MAX = 100;
/**
 * The object-group `description` limit is not stated in the IOS documents we have
 * (vendors.md section 6); we keep it at the remark limit, 100, to stay safe.
 */
export const IOS_DESCRIPTION_MAX = 100;
/** `!` comment lines are not read by IOS; keep them readable. */
export const IOS_COMMENT_MAX = 200;
/** Width of wrapped `!` lines (header description). */
export const IOS_WRAP = 100;
/** A rule's remark wraps over at most this many `remark` lines; the full text is in trace.json. */
export const IOS_REMARK_LINES = 3;


/** Remark text: sanitised, at most the platform comment limit and never above IOS's 100. */
export function remarkText(text: string, platform: Platform, fallback: string): string {
  const max = Math.min(platform.limits.commentMax, IOS_REMARK_MAX);
  const s = clean(text, max);
  return s !== '' ? s : clean(fallback, max) || 'otpc rule';
}

/** Wrapped CLI text (shared with the other Cisco backend). */
export const wrapText = wrapCliText;

/** A rule's remark as up to three `remark` lines of at most 100 characters (never none). */
export function remarkLines(text: string, platform: Platform, fallback: string): string[] {
  const max = Math.max(1, Math.min(platform.limits.commentMax, IOS_REMARK_MAX));
  const lines = wrapText(text, max, IOS_REMARK_LINES);
  return lines.length > 0 ? lines : [remarkText(fallback, platform, fallback)];
}

export function descriptionText(text: string, platform: Platform): string {
  const s = clean(text, Math.min(platform.limits.commentMax, IOS_DESCRIPTION_MAX));
  return s !== '' ? s : 'otpc object';
}

/** Text of a `!` comment line (the template prints the `! ` prefix). */
export function commentText(text: string): string {
  return clean(text, IOS_COMMENT_MAX);
}
