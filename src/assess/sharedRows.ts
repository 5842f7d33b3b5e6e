import type { Requirement } from '../catalog/types.js';
import type { Asset } from '../model/types.js';
import { creditedResult, nativeCapabilities, nativeResult } from './assessRequirement.js';
import type { RequirementContext } from './assessRequirement.js';
import type { ControlIndex } from './controlIndex.js';
import { ZONE_PREDICATES } from './predicates.js';
import type { RequirementResult } from './types.js';

/**
 * Requirements with a control whose preconditions name an asset predicate (any predicate
 * outside ZONE_PREDICATES): their rows may depend on the asset itself. Every other
 * requirement, including those no control meets, depends on the zone only.
 */
export function assetScopedRequirements(index: ControlIndex): Set<string> {
  const out = new Set<string>();
  const assetDependent = (ps: readonly { predicate: string }[] | undefined) => (ps ?? []).some((p) => !ZONE_PREDICATES.has(p.predicate));
  for (const [req, entries] of index.controls) {
    if (entries.some(({ control, effects }) => assetDependent(control.preconditions) || effects.some((e) => assetDependent(e.preconditions)))) out.add(req);
  }
  return out;
}

/** One device's requirement rows: (requirement, its level, whether the device has its own waiver for it) -> row. */
export type DeviceRows = (req: Requirement, level: number, ownWaiver: boolean) => RequirementResult;

/**
 * Requirement rows shared between devices, so a large site does not build (and keep) a
 * million nearly identical rows: a 10k-asset plant has ~100 rows per device but only a
 * few per zone and requirement differ.
 *
 * - A native row depends only on the requirement and the capabilities that meet it:
 *   shared by all devices with the same effective capabilities.
 * - Otherwise the row depends on the outcome of the preconditions of the controls that
 *   can meet it, and on a waiver. When every such precondition is a zone predicate
 *   (ZONE_PREDICATES, which the evaluator already caches per zone) and the device has no
 *   waiver of its own, the row is the same for every device of the zone: 88 of the 100
 *   catalogue requirements. Requirements with asset predicates (read-only and rate-limit
 *   enforcement, asset capabilities), whose reasons name the asset, are built per device.
 *
 * Shared rows are the same read-only objects in several devices' lists; nothing
 * downstream mutates rows, and the JSON of the assessment is unchanged. One instance per
 * assess() call (a requirement's level is fixed within one call).
 */
export class SharedRows {
  private readonly assetScoped: Set<string>;
  /** effective capabilities -> requirement -> native row, or null when none of them meets it. */
  private readonly nativeByCaps = new Map<string, Map<string, RequirementResult | null>>();
  /** zone -> requirement -> row of a zone-scoped requirement no capability meets. */
  private readonly creditedByZone = new Map<string, Map<string, RequirementResult>>();

  constructor(private readonly ctx: RequirementContext) {
    this.assetScoped = assetScopedRequirements(ctx.index);
  }

  forDevice(asset: Asset): DeviceRows {
    const natives = getOrAdd(this.nativeByCaps, asset.effectiveCapabilities.join('\u0000'));
    const credited = getOrAdd(this.creditedByZone, asset.zone);
    return (req, level, ownWaiver) => {
      let native = natives.get(req.id);
      if (native === undefined) {
        const caps = nativeCapabilities(req, asset, this.ctx.index);
        native = caps.length > 0 ? nativeResult(req, level, caps) : null;
        natives.set(req.id, native);
      }
      if (native) return native;
      if (ownWaiver || this.assetScoped.has(req.id)) return creditedResult(req, level, asset, this.ctx);
      let row = credited.get(req.id);
      if (!row) credited.set(req.id, (row = creditedResult(req, level, asset, this.ctx)));
      return row;
    };
  }
}

function getOrAdd<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}
