import type { Platform } from '../catalog/types.js';
import type { IpNet, Model } from '../model/types.js';
import type { SpanSession, ZoneBinding } from './types.js';
import { sortedUnique } from './compareStrings.js';

/** The non-rule controls of one enforcement point. */
export interface SiteControls {
  syslog: string[];
  ntp: string[];
  span?: SpanSession;
}

const texts = (nets: IpNet[]) => sortedUnique(nets.map((n) => n.text));

/**
 * Syslog (C6 central logging, SR 2.8 / SR 6.2) and NTP (C10, SR 2.11) where the
 * platform supports them, and the SPAN/mirror session of the discover phase (C5
 * passive IDS) where the platform is a switch that can mirror and the IDS watches
 * at least one zone on this point.
 */
export function buildSiteControls(model: Model, platform: Platform | undefined, zones: ZoneBinding[]): SiteControls {
  const out: SiteControls = {
    syslog: platform?.supports.syslog ? texts(model.services.syslog) : [],
    ntp: platform?.supports.ntp ? texts(model.services.ntp) : [],
  };
  const ids = model.services.ids;
  if (platform?.supports.span && ids) {
    const watched = zones.filter((z) => ids.monitors.includes(z.id));
    if (watched.length > 0) {
      const span: SpanSession = { sources: sortedUnique(watched.map((z) => z.interface)) };
      // The model keeps the IDS addresses in canonical order; the first is the sensor.
      const first = ids.addresses[0];
      if (first) span.destination = first.text;
      out.span = span;
    }
  }
  return out;
}
