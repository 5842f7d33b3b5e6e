import type { Assessment, DeviceResult, RequirementResult } from '../assess/types.js';
import { STATUSES } from '../assess/types.js';
import type { Catalogs } from '../catalog/types.js';
import { compareRequirementIds } from '../catalog/compareRequirementIds.js';
import { compareText } from './compareText.js';
import type { RequirementChange, RequirementDirection, RequirementState } from './types.js';

const RANK = new Map(STATUSES.map((s, i) => [s, i] as const));

function state(r: RequirementResult): RequirementState {
  return { status: r.status, controls: r.controls };
}

function direction(before: RequirementResult | undefined, after: RequirementResult | undefined): RequirementDirection | undefined {
  if (!before && after) return 'newly-required';
  if (before && !after) return 'no-longer-required';
  if (!before || !after || before.status === after.status) return undefined;
  // STATUSES runs best to worst: native, compensated, waived, partial, gap
  return RANK.get(after.status)! > RANK.get(before.status)! ? 'worse' : 'better';
}

/**
 * Per device present in both versions, each requirement whose status changed
 * ("plc-7: SR 1.13 gap -> compensated by jump-host"), or that became required or
 * stopped being required (a changed SL-T). Added and removed devices are listed
 * as devices, not requirement by requirement.
 */
export function diffRequirements(old: Assessment, next: Assessment, catalogs: Catalogs): RequirementChange[] {
  const before = new Map<string, DeviceResult>(old.devices.map((d) => [d.id, d]));
  const out: RequirementChange[] = [];
  for (const d of next.devices) {
    const o = before.get(d.id);
    if (!o) continue;
    const rows = new Map(o.requirements.map((r) => [r.id, r] as const));
    const now = new Map(d.requirements.map((r) => [r.id, r] as const));
    for (const id of [...new Set([...rows.keys(), ...now.keys()])].sort(compareRequirementIds)) {
      const dir = direction(rows.get(id), now.get(id));
      if (!dir) continue;
      const title = catalogs.requirements.get(id)?.title;
      out.push({
        device: d.id, requirement: id, ...(title ? { title } : {}),
        ...(rows.has(id) ? { old: state(rows.get(id)!) } : {}), ...(now.has(id) ? { new: state(now.get(id)!) } : {}),
        direction: dir,
      });
    }
  }
  return out.sort((x, y) => compareText(x.device, y.device) || compareRequirementIds(x.requirement, y.requirement));
}
