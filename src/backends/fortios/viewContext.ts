import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { checkVendorName } from '../common/checkVendorName.js';
import { sanitizeComment } from '../common/sanitizeComment.js';
import type { EnforcementIR } from '../../rules/types.js';
import type { Platform } from '../../catalog/types.js';
import type { RenderContext } from '../types.js';
import { FORTIOS_LIMITS } from './limits.js';
import { NameTable, nameRule } from './naming.js';

/**
 * State shared by the view builders of one render: the diagnostics collected so far,
 * the FortiOS namespaces (for OTPC707), and the limits in force.
 */
export interface ViewContext {
  ep: EnforcementIR;
  /** The platforms catalogue row (what the assessment assumed this FortiGate can do). */
  platform: Platform;
  file: string;
  diagnostics: Diagnostic[];
  /** Object-name limit: the platform row's nameMax, else 79 (FortiOS 7.x). */
  nameMax: number;
  /** Policy comment limit: the platform row's commentMax capped at 1023. */
  policyCommentMax: number;
  /** address, address6, addrgrp, addrgrp6 (one namespace to be safe across versions). */
  addresses: NameTable;
  /** service custom + service group. */
  services: NameTable;
  zones: NameTable;
  policies: NameTable;
  appLists: NameTable;
}

/** Object-name limit: the platform row's nameMax, else 79 (FortiOS 7.x). Also used by policyChecks.ts. */
export function objectNameMax(platform: Platform | undefined): number {
  const limits = platform?.limits;
  return limits?.nameMax && limits.nameMax > 0 ? limits.nameMax : FORTIOS_LIMITS.objectName;
}

export function createViewContext(ep: EnforcementIR, ctx: RenderContext): ViewContext {
  const limits = ctx.platform?.limits;
  return {
    ep,
    platform: ctx.platform,
    file: ctx.file,
    diagnostics: [],
    nameMax: objectNameMax(ctx.platform),
    policyCommentMax: Math.min(limits?.commentMax && limits.commentMax > 0 ? limits.commentMax : FORTIOS_LIMITS.policyComment, FORTIOS_LIMITS.policyComment),
    addresses: new NameTable('address'),
    services: new NameTable('service'),
    zones: new NameTable('zone'),
    policies: new NameTable('policy'),
    appLists: new NameTable('application list'),
  };
}

/**
 * Validates a generated vendor name (allow-list, length, keyword) and claims it in its
 * namespace. Returns false when the name cannot be used; the diagnostics say why.
 */
export function acceptName(
  vc: ViewContext, table: NameTable, name: string, what: string, max: number, owner: string, pointer: string,
): boolean {
  const problems = checkVendorName(name, nameRule(what, max), vc.file, pointer);
  vc.diagnostics.push(...problems);
  if (problems.length > 0) return false;
  const clash = table.claim(name, owner, vc.file, pointer);
  vc.diagnostics.push(...clash);
  return clash.length === 0;
}

/** Free text for a quoted FortiOS string: printable ASCII, no quotes, backslash or `?`, cut to max. */
export function comment(text: string, max: number): string {
  return sanitizeComment(text, max);
}

export function hasErrors(vc: ViewContext): boolean {
  return vc.diagnostics.some((d) => d.severity === 'error');
}
