import type { Assessment } from '../assess/types.js';
import type { FR, SLVector } from '../model/types.js';
import { compareStrings, sortedUnique } from '../rules/compareStrings.js';
import type { ReportContext } from './types.js';

/**
 * The zone and conduit diagram as data, shared by the HTML report (laid out with
 * elkjs) and the Markdown report (Mermaid). Everything is ordered here, once, so
 * both drawings agree and are deterministic.
 */
export interface DiagramZone {
  id: string;
  name?: string;
  purdue: number;
  criticality: string;
  devices: number;
  slTarget: SLVector;
  slAchieved: SLVector;
  /** FRs where SL-A < SL-T; empty when the zone meets its target. */
  belowTarget: FR[];
}

export interface DiagramEnforcement {
  id: string;
  platform: string;
}

export interface DiagramConduit {
  id: string;
  name?: string;
  /** The zone drawn on top: the higher Purdue level (ties: lower id). */
  upper: string;
  lower: string;
  /** Distinct protocols as written, sorted; "modbus read-only" when a flow asks for read-only access. */
  protocols: string[];
  /** Enforcement points the conduit is placed on (placeConduits); empty = unenforced. */
  enforcement: DiagramEnforcement[];
  encrypted?: 'ipsec' | 'tls';
  unidirectional: boolean;
  untrustedTransit: boolean;
}

export interface DiagramModel {
  /** Purdue levels present, highest (enterprise) first. */
  levels: number[];
  /** By Purdue level descending, then id. */
  zones: DiagramZone[];
  /** By id. */
  conduits: DiagramConduit[];
}

/** Purdue reference model level names (ISA-95 / IEC 62443-1-1 reference architecture). */
export function purdueLevelName(level: number): string {
  if (level >= 4) return 'enterprise';
  if (level > 3) return 'industrial DMZ';
  if (level === 3) return 'site operations';
  if (level >= 2) return 'supervisory control';
  if (level >= 1) return 'basic control';
  return 'process';
}

function conduitProtocols(flows: readonly { protocol: { name: string }; access: string }[]): string[] {
  return sortedUnique(flows.map((f) => (f.access === 'read-only' ? `${f.protocol.name} read-only` : f.protocol.name)));
}

export function buildDiagramModel(a: Assessment, ctx: ReportContext): DiagramModel {
  const zones: DiagramZone[] = a.zones.map((z) => ({
    id: z.id, name: ctx.model.zones.get(z.id)?.name, purdue: z.purdue, criticality: z.criticality,
    devices: z.assets, slTarget: z.slTarget, slAchieved: z.slAchieved, belowTarget: z.belowTarget,
  })).sort((x, y) => y.purdue - x.purdue || compareStrings(x.id, y.id));
  const level = new Map(zones.map((z) => [z.id, z.purdue]));
  const conduits = [...ctx.model.conduits.values()].map((c): DiagramConduit => {
    const [p, q] = c.zones;
    const pFirst = (level.get(p) ?? 0) >= (level.get(q) ?? 0);
    const enforcement = (ctx.placement.byConduit.get(c.id) ?? []).map((id) => ({ id, platform: ctx.model.enforcement.get(id)?.platform ?? 'unknown' }));
    return {
      id: c.id, name: c.name, upper: pFirst ? p : q, lower: pFirst ? q : p, protocols: conduitProtocols(c.flows), enforcement,
      ...(c.encrypted ? { encrypted: c.encrypted } : {}), unidirectional: c.unidirectional, untrustedTransit: c.transit === 'untrusted',
    };
  }).sort((x, y) => compareStrings(x.id, y.id));
  const levels = [...new Set(zones.map((z) => z.purdue))].sort((x, y) => y - x);
  return { levels, zones, conduits };
}

/** The zone's status in words (with a symbol), so it never depends on colour alone. */
export function zoneStatusText(z: DiagramZone): string {
  return z.belowTarget.length === 0 ? '✓ meets SL-T' : `✗ BELOW SL-T in ${z.belowTarget.join(' ')}`;
}

/** "fw-plant (fortios)" per enforcement point, or the unenforced warning. */
export function enforcementText(c: DiagramConduit): string {
  return c.enforcement.length === 0 ? 'UNENFORCED: no enforcement point joins both zones' : `via ${c.enforcement.map((e) => `${e.id} (${e.platform})`).join(', ')}`;
}

/** Encryption, diode and transit notes for a conduit label; empty when none applies. */
export function conduitNotes(c: DiagramConduit): string[] {
  return [
    ...(c.encrypted ? [`encrypted (${c.encrypted})`] : []),
    ...(c.unidirectional ? ['data diode'] : []),
    ...(c.untrustedTransit ? ['untrusted transit'] : []),
  ];
}
