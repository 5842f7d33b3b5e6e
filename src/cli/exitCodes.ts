/** Exit codes (DESIGN "Command line"): the same on every command. */
export const EXIT = {
  ok: 0,
  /** Findings at or above --fail-on (report), or observed flows enforcement would block (simulate). */
  findings: 1,
  /** Invalid input or usage. */
  invalid: 2,
  /** Internal error (a bug). */
  internal: 3,
} as const;

/** Thrown by commands for usage problems found after option parsing. */
export class UsageError extends Error {}
