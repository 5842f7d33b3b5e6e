import { sanitizeComment } from '../common/sanitizeComment.js';

/**
 * Free text on its way into an nft file. vendors.md section 3 [run]: a `comment` is
 * at most 128 bytes (129: "comment too long"), `"` cannot be escaped (`\"` is a parse
 * error), and a newline inside the quotes is ACCEPTED and kept verbatim. A log prefix
 * is at most 127 bytes, and nft 1.0.6 expands `$name` inside it as a variable (run
 * here: `log prefix "a$b"` fails with "unknown identifier 'b'").
 * So comments go through the shared sanitiser (printable ASCII, no quotes, backslash,
 * backtick or `?`) plus `$`, cut to the byte limit; log prefixes are generated from
 * numbers and fixed words only and checked against a strict pattern.
 */
export const NFT_COMMENT_MAX = 128;
export const NFT_LOG_PREFIX_MAX = 127;
/** `#` comment lines in the file are not stored by nft; kept readable but bounded. */
export const NFT_NOTE_MAX = 200;

const DOLLAR = /\$/g;

export function nftComment(text: string, max: number = NFT_COMMENT_MAX): string {
  return sanitizeComment(text, Math.min(max, NFT_COMMENT_MAX), DOLLAR);
}

/** A `#` line: same sanitising (a newline would end the comment and start a statement). */
export function nftNote(text: string): string {
  return sanitizeComment(text, NFT_NOTE_MAX, DOLLAR);
}

/** The same sanitising without the cut, for text that is wrapped over several `#` lines. */
export function nftNoteText(text: string): string {
  return sanitizeComment(text, Number.MAX_SAFE_INTEGER, DOLLAR);
}

/** `otpc <rule number> <verdict word> ` (ends in a space so the kernel log stays readable). */
export const LOG_PREFIX = /^otpc [a-z0-9.]+ [a-z-]+ $/;

export function logPrefix(id: string | number, verdict: string): string {
  return `otpc ${id} ${verdict} `;
}

export function isSafeLogPrefix(prefix: string): boolean {
  return LOG_PREFIX.test(prefix) && prefix.length <= NFT_LOG_PREFIX_MAX;
}

/** `"text"` for nft: callers pass sanitised text only (checked again on the output). */
export function quoted(text: string): string {
  return `"${text}"`;
}
