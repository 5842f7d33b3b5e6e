import type { Assessment } from '../assess/types.js';
import { baselineJson } from './baselineJson.js';
import type { ReportContext } from './types.js';

export const REPORT_FORMAT_VERSION = 1;

/**
 * The JSON report document (DESIGN "report --format json" fields and more). Source
 * positions and JSON pointers are left out on purpose: they change when the YAML is
 * merely reordered, and this document must be byte-identical in that case.
 */
export function toReportJson(a: Assessment, ctx: ReportContext) {
  return {
    otpcReport: REPORT_FORMAT_VERSION,
    site: a.site,
    date: a.date,
    summary: { ...a.summary, devices: a.devices.length, zones: a.zones.length },
    zones: a.zones,
    devices: a.devices.map((d) => ({
      id: d.id, zone: d.zone, type: d.type, slTarget: d.slTarget, slAchieved: d.slAchieved,
      requirements: d.requirements.map((r) => ({
        id: r.id, fr: r.fr, sl: r.sl, status: r.status, controls: r.controls, reason: r.reason,
        ...(r.remains ? { remains: r.remains } : {}),
        ...(r.notCompensable ? { notCompensable: true } : {}),
        ...(r.missing ? { missing: r.missing } : {}),
        ...(r.waiver ? { waiver: { expires: r.waiver.expires, approvedBy: r.waiver.approvedBy, reason: r.waiver.reason } } : {}),
      })),
    })),
    findings: a.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, devices: f.devices ?? [] }))
      .sort((x, y) => (x.code + x.message < y.code + y.message ? -1 : x.code + x.message > y.code + y.message ? 1 : 0)),
    waivers: ctx.model.waivers
      .map((w) => ({ ...(w.asset ? { asset: w.asset } : { zone: w.zone }), requirement: w.requirement, reason: w.reason, approvedBy: w.approvedBy, expires: w.expires }))
      .sort((x, y) => { const kx = JSON.stringify(x); const ky = JSON.stringify(y); return kx < ky ? -1 : kx > ky ? 1 : 0; }),
    controls: a.deployed,
    ...(ctx.baseline ? { baseline: baselineJson(ctx.baseline) } : {}),
  };
}

export function formatJson(a: Assessment, ctx: ReportContext): string {
  return `${JSON.stringify(toReportJson(a, ctx), null, 2)}\n`;
}
