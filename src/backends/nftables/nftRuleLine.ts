import { internalError } from './nftContext.js';
import type { NftContext } from './nftContext.js';
import { isSafeLogPrefix, logPrefix, quoted } from './nftText.js';

/** One rule of a chain: `#` notes above it and the rule text, ready to print. */
export interface RuleView {
  notes: string[];
  text: string;
}

/** One chain: `#` lines above it, the base chain line (only on `forward`) and its rules. */
export interface ChainView {
  name: string;
  notes: string[];
  hook?: string;
  rules: RuleView[];
}

export interface RuleParts {
  /** Address, interface and port match. */
  match?: string;
  /** Further matches: `ct state new`, payload checks. */
  extra?: string[];
  /** A statement before the counter (a meter update). */
  stmt?: string;
  /** Log with prefix `otpc <id> <word> `; absent: no log statement. */
  log?: { id: string; word: string };
  /** accept, drop, `reject with tcp reset`, `jump c`, return; absent: continue (monitor). */
  verdict?: string;
  /** Already sanitised comment text (empty: none). */
  comment: string;
}

/**
 * `<match> <extra> <stmt> counter [log prefix "..."] [verdict] comment "..."`: every
 * rule counts (hit evidence, SR 2.8/6.2) and carries its comment; the log prefix is
 * checked (length 127, no `$` expansion) before it is printed.
 */
export function ruleText(nc: NftContext, p: RuleParts): string {
  const parts: string[] = [];
  if (p.match) parts.push(p.match);
  parts.push(...(p.extra ?? []));
  if (p.stmt) parts.push(p.stmt);
  parts.push('counter');
  if (p.log) {
    const prefix = logPrefix(p.log.id, p.log.word);
    if (!isSafeLogPrefix(prefix)) internalError(nc, `log prefix ${JSON.stringify(prefix)} is not safe`);
    parts.push(`log prefix ${quoted(prefix)}`);
  }
  if (p.verdict) parts.push(p.verdict);
  if (p.comment !== '') parts.push(`comment ${quoted(p.comment)}`);
  return parts.join(' ');
}

/** `1001` for a rule rendered once, `1001.2` for its second nft rule (log prefixes stay unique). */
export function variantId(number: number, index: number, count: number): string {
  return count > 1 ? `${number}.${index + 1}` : `${number}`;
}
