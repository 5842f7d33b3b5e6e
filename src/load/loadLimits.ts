/**
 * Resource limits of the loader. A policy is a small hand-written file; the
 * limits keep hostile input (alias bombs, deep nesting, huge files) from
 * exhausting memory or the stack before any validation runs.
 */
export interface LoadLimits {
  /** Largest input in bytes (UTF-8). OTPC107. */
  maxBytes: number;
  /** Deepest nesting of mappings and sequences (the root mapping is level 1). OTPC108. */
  maxDepth: number;
  /** Most YAML nodes (scalars, mappings, sequences, aliases), counted after alias expansion too. OTPC111. */
  maxNodes: number;
  /** Most alias nodes (`*name`) in the whole document. OTPC106. */
  maxAliases: number;
}

export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxBytes: 16 * 1024 * 1024,
  maxDepth: 32,
  maxNodes: 1_000_000,
  maxAliases: 8,
});

/** Most diagnostics of one kind reported by the loader (a binary file would otherwise give millions). */
export const MAX_LOAD_DIAGNOSTICS_PER_CODE = 20;
