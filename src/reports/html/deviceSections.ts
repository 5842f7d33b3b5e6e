import { STATUSES } from '../../assess/types.js';
import type { DeviceResult, RequirementResult } from '../../assess/types.js';
import type { Asset } from '../../model/types.js';
import { slVectorText } from '../markdownText.js';
import { deviceAnchor } from './deviceRows.js';
import { statusView } from './htmlStatus.js';
import type { StatusView } from './htmlStatus.js';

export interface RequirementRow {
  id: string;
  fr: string;
  sl: number;
  status: StatusView;
  /** Capabilities (native) or controls (compensated, partial) credited; empty = none. */
  credited: string[];
  reason: string;
  remains: string;
  missing: { control: string; extent: string; precondition: string; detail: string; close: string }[];
  waiver: { expires: string; approvedBy: string; reason: string } | false;
  notCompensable: boolean;
  /** Met natively or compensated: nothing remains to be done. */
  nothingRemains: boolean;
}

export interface DeviceSection {
  id: string;
  anchor: string;
  heading: string;
  facts: { term: string; value: string }[];
  description: string;
  summary: string;
  requirements: RequirementRow[];
}

function facts(d: DeviceResult, asset: Asset | undefined): { term: string; value: string }[] {
  const rows: [string, string | undefined][] = [
    ['zone', d.zone], ['type', d.type], ['vendor', asset?.vendor], ['model', asset?.model],
    ['firmware', asset?.firmware === undefined ? undefined : `${asset.firmware}${asset.firmwareYear ? ` (${asset.firmwareYear})` : ''}`],
    ['addresses', asset?.addresses.map((n) => n.text).join(', ')], ['profile', asset?.profile],
    ['essential function', asset?.essential ? 'yes: availability first' : undefined],
    ['SL-T', slVectorText(d.slTarget)], ['SL-A', slVectorText(d.slAchieved)],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '').map(([term, value]) => ({ term, value }));
}

function requirement(r: RequirementResult): RequirementRow {
  return {
    id: r.id, fr: r.fr, sl: r.sl, status: statusView(r.status), credited: r.controls, reason: r.reason, remains: r.remains ?? '',
    missing: (r.missing ?? []).map((m) => ({ control: m.control, extent: m.extent, precondition: m.precondition, detail: m.detail ?? '', close: m.close })), waiver: r.waiver ? { expires: r.waiver.expires, approvedBy: r.waiver.approvedBy, reason: r.waiver.reason } : false,
    notCompensable: r.notCompensable === true,
    nothingRemains: !r.remains && !r.missing?.length && !r.waiver && r.notCompensable !== true,
  };
}

export function deviceSections(devices: readonly DeviceResult[], assets: ReadonlyMap<string, Asset>): DeviceSection[] {
  return devices.map((d) => {
    const asset = assets.get(d.id);
    const counts = STATUSES.map((s) => [statusView(s).label, d.requirements.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
    return {
      id: d.id, anchor: deviceAnchor(d.id), heading: asset?.name ? `${d.id}: ${asset.name}` : d.id,
      facts: facts(d, asset), description: asset?.description ?? '',
      summary: `${d.requirements.length} requirement(s): ${counts.map(([label, n]) => `${n} ${label}`).join(', ') || 'none'}.`,
      requirements: d.requirements.map(requirement),
    };
  });
}
