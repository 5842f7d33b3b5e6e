import type { Platform } from '../../catalog/types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Boundary, EnforcementIR, Rule } from '../../rules/types.js';
import type { RenderContext } from '../types.js';
import { NFT_NAME_MAX, NftNameTable, validateName } from './nftNames.js';
import { NFT_COMMENT_MAX } from './nftText.js';

/** The caller may pass the site along with the context (the header names it). */
export interface NftRenderContext extends RenderContext {
  site?: { id: string; name?: string };
}

/** State of one render: diagnostics so far, the name tables (OTPC707) and the limits in force. */
export interface NftContext {
  ep: EnforcementIR;
  file: string;
  diagnostics: Diagnostic[];
  /** Platform row `limits.nameMax`, capped at the nft hard limit of 255. */
  nameMax: number;
  /** Platform row `limits.commentMax`, capped at nft's 128. */
  commentMax: number;
  sets: NftNameTable;
  chains: NftNameTable;
  /** Protocols the platform row says nftables filters by operation (read-only). */
  readOnlyProtocols: string[];
}

/** Name limit: the platform row's nameMax, capped at nft's 255. Also used by policyChecks.ts. */
export function nftNameMax(platform: Platform | undefined): number {
  const limits = platform?.limits;
  return Math.min(limits?.nameMax && limits.nameMax > 0 ? limits.nameMax : NFT_NAME_MAX, NFT_NAME_MAX);
}

export function createNftContext(ep: EnforcementIR, ctx: RenderContext): NftContext {
  const limits = ctx.platform?.limits;
  return {
    ep,
    file: ctx.file,
    diagnostics: [],
    nameMax: nftNameMax(ctx.platform),
    commentMax: Math.min(limits?.commentMax && limits.commentMax > 0 ? limits.commentMax : NFT_COMMENT_MAX, NFT_COMMENT_MAX),
    sets: new NftNameTable('set'),
    chains: new NftNameTable('chain'),
    readOnlyProtocols: ctx.platform?.supports.readOnly ?? [],
  };
}

/** Validates a generated name and claims it in its namespace; false (with diagnostics) when unusable. */
export function acceptName(nc: NftContext, table: NftNameTable, name: string, what: string, owner: string, pointer: string): boolean {
  const problems = validateName(name, what, nc.nameMax, nc.file, pointer);
  nc.diagnostics.push(...problems);
  if (problems.length > 0) return false;
  const clash = table.claim(name, owner, nc.file, pointer);
  nc.diagnostics.push(...clash);
  return clash.length === 0;
}

export function internalError(nc: NftContext, message: string, pointer = nc.ep.pointer): void {
  nc.diagnostics.push({ code: 'OTPC999', severity: 'error', file: nc.file, pointer, message: `nftables backend: ${message}` });
}

export function hasErrors(nc: NftContext): boolean {
  return nc.diagnostics.some((d) => d.severity === 'error');
}

/** The boundary between two zones, if the enforcement point has one. */
export function boundaryOf(ep: EnforcementIR, a: string, b: string): Boundary | undefined {
  return ep.boundaries.find((x) => (x.zones[0] === a && x.zones[1] === b) || (x.zones[0] === b && x.zones[1] === a));
}

/**
 * The rollout phase a rule is in: the phase of its boundary (a staged rollout enforces
 * boundary by boundary, DESIGN "Rollout phases"); rules outside any boundary follow the
 * enforcement point, and `mixed` counts as monitor there (nothing may change yet).
 */
export function rulePhase(ep: EnforcementIR, rule: Rule): 'monitor' | 'enforce' {
  if (rule.fromZone !== undefined && rule.toZone !== undefined) {
    const b = boundaryOf(ep, rule.fromZone, rule.toZone);
    if (b) return b.phase;
  }
  return ep.phase === 'enforce' ? 'enforce' : 'monitor';
}

/** Pointer for diagnostics about a rule: its flow, else the enforcement point. */
export function rulePointer(nc: NftContext, rule: Rule): string {
  return rule.trace?.pointer ?? nc.ep.pointer;
}
