import { STATUSES } from '../../assess/types.js';
import type { Status } from '../../assess/types.js';
import { STATUS_LABEL } from '../markdown.js';

/** A status as the templates print it: the word (never colour alone), a symbol and a sort rank. */
export interface StatusView {
  status: Status;
  label: string;
  icon: string;
  /** 0 = native (best) .. 4 = gap (worst), for sorting. */
  rank: number;
}

/** Symbols that survive black-and-white printing; always next to the status word. */
const STATUS_ICON: Record<Status, string> = { native: '✓', compensated: '✓', waived: '⚑', partial: '◐', gap: '✗' };

export function statusView(status: Status): StatusView {
  return { status, label: STATUS_LABEL[status], icon: STATUS_ICON[status], rank: STATUSES.indexOf(status) };
}

/** The worst status among a device's requirements (native when it has none). */
export function worstStatus(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((w, s) => (STATUSES.indexOf(s) > STATUSES.indexOf(w) ? s : w), 'native');
}
