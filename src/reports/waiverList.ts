import type { Model } from '../model/types.js';

export interface WaiverListItem {
  subject: string;
  requirement: string;
  expires: string;
  approvedBy: string;
  reason: string;
  pointer: string;
}

/** Every waiver of the policy, sorted by content (never by position), for the reports that list them. */
export function waiverList(model: Model): WaiverListItem[] {
  return model.waivers
    .map((w) => ({ subject: w.asset ? `asset ${w.asset}` : `zone ${w.zone}`, requirement: w.requirement, expires: w.expires, approvedBy: w.approvedBy, reason: w.reason.replace(/\s+/g, ' ').trim(), pointer: w.pointer }))
    .sort((x, y) => {
      const kx = [x.subject, x.requirement, x.expires, x.approvedBy, x.reason].join('\u0000');
      const ky = [y.subject, y.requirement, y.expires, y.approvedBy, y.reason].join('\u0000');
      return kx < ky ? -1 : kx > ky ? 1 : 0;
    });
}
