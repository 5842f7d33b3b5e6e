import { STATUSES } from '../../assess/types.js';
import type { Assessment, Status } from '../../assess/types.js';
import type { Asset } from '../../model/types.js';
import { slVectorText } from '../markdownText.js';
import { sortedUnique } from '../../rules/compareStrings.js';
import { statusView, worstStatus } from './htmlStatus.js';
import type { StatusView } from './htmlStatus.js';

export interface DeviceRow {
  id: string;
  anchor: string;
  name: string;
  zone: string;
  type: string;
  /** The device's worst requirement status: what the status filter matches. */
  overall: StatusView;
  counts: { status: Status; count: number }[];
  slTarget: string;
  slAchieved: string;
  /** Lower-case text the free-text filter searches: id, name, zone, type, vendor, model. */
  search: string;
  index: number;
}

export interface FilterOption { value: string; label: string }

export interface DeviceFilters {
  statuses: FilterOption[];
  zones: FilterOption[];
  types: FilterOption[];
}

export const deviceAnchor = (id: string) => `device-${id}`;

/** Status columns of the device table, worst first (what an auditor reads first). */
export const COUNT_COLUMNS: readonly Status[] = [...STATUSES].reverse();

export function deviceRows(a: Assessment, assets: ReadonlyMap<string, Asset>): DeviceRow[] {
  return a.devices.map((d, index) => {
    const asset = assets.get(d.id);
    const statuses = d.requirements.map((r) => r.status);
    const search = [d.id, asset?.name, d.zone, d.type, asset?.vendor, asset?.model].filter(Boolean).join(' ').toLowerCase();
    return {
      id: d.id, anchor: deviceAnchor(d.id), name: asset?.name ?? '', zone: d.zone, type: d.type,
      overall: statusView(worstStatus(statuses)),
      counts: COUNT_COLUMNS.map((status) => ({ status, count: statuses.filter((s) => s === status).length })),
      slTarget: slVectorText(d.slTarget), slAchieved: slVectorText(d.slAchieved), search, index,
    };
  });
}

export function deviceFilters(a: Assessment): DeviceFilters {
  return {
    statuses: STATUSES.map((s) => ({ value: s, label: statusView(s).label })),
    zones: sortedUnique(a.devices.map((d) => d.zone)).map((z) => ({ value: z, label: z })),
    types: sortedUnique(a.devices.map((d) => d.type)).map((t) => ({ value: t, label: t })),
  };
}
