import type { Assessment, DeviceResult, RequirementResult } from '../assess/types.js';
import { baselineJson } from './baselineJson.js';
import { chunksText, nestedJson, objectChunks, Preformatted, StreamedArray, StreamedObject } from './jsonText.js';
import { chunkedFormatter } from './reportChunks.js';
import { SharedText } from './sharedText.js';
import type { ReportContext } from './types.js';

export const REPORT_FORMAT_VERSION = 1;

/** One requirement row of a device, as the JSON report lists it. */
function requirementJson(r: RequirementResult) {
  return {
    id: r.id, fr: r.fr, sl: r.sl, status: r.status, controls: r.controls, reason: r.reason,
    ...(r.remains ? { remains: r.remains } : {}),
    ...(r.notCompensable ? { notCompensable: true } : {}),
    ...(r.missing ? { missing: r.missing } : {}),
    ...(r.waiver ? { waiver: { expires: r.waiver.expires, approvedBy: r.waiver.approvedBy, reason: r.waiver.reason } } : {}),
  };
}

/** A device without its requirement rows (the rows follow as `requirements`). */
function deviceHead(d: DeviceResult) {
  return { id: d.id, zone: d.zone, type: d.type, slTarget: d.slTarget, slAchieved: d.slAchieved };
}

/**
 * The members of the report document, in order. `devices` is given by the caller: the
 * whole list (toReportJson) or a streamed array (jsonReportChunks).
 */
function reportMembers(a: Assessment, ctx: ReportContext, devices: unknown): [string, unknown][] {
  return [
    ['otpcReport', REPORT_FORMAT_VERSION],
    ['site', a.site],
    ['date', a.date],
    ['summary', { ...a.summary, devices: a.devices.length, zones: a.zones.length }],
    ['zones', a.zones],
    ['devices', devices],
    ['findings', a.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, devices: f.devices ?? [] }))
      .sort((x, y) => (x.code + x.message < y.code + y.message ? -1 : x.code + x.message > y.code + y.message ? 1 : 0))],
    ['waivers', ctx.model.waivers
      .map((w) => ({ ...(w.asset ? { asset: w.asset } : { zone: w.zone }), requirement: w.requirement, reason: w.reason, approvedBy: w.approvedBy, expires: w.expires }))
      .sort((x, y) => { const kx = JSON.stringify(x); const ky = JSON.stringify(y); return kx < ky ? -1 : kx > ky ? 1 : 0; })],
    ['controls', a.deployed],
    ...(ctx.baseline ? [['baseline', baselineJson(ctx.baseline)] as [string, unknown]] : []),
  ];
}

/**
 * The JSON report document (DESIGN "report --format json" fields and more). Source
 * positions and JSON pointers are left out on purpose: they change when the YAML is
 * merely reordered, and this document must be byte-identical in that case.
 */
export function toReportJson(a: Assessment, ctx: ReportContext) {
  const devices = a.devices.map((d) => ({ ...deviceHead(d), requirements: d.requirements.map(requirementJson) }));
  return Object.fromEntries(reportMembers(a, ctx, devices));
}

/** Depth of a device object in the document (root 0, `devices` 1) and of its requirement rows. */
const DEVICE_DEPTH = 2;
const ROW_DEPTH = 4;

/**
 * The JSON report as `JSON.stringify(toReportJson(a, ctx), null, 2)` + newline, one
 * device per chunk. Requirement rows are shared objects between devices: each distinct
 * row's text is made once (SharedText).
 */
export function* jsonReportChunks(a: Assessment, ctx: ReportContext): Generator<string> {
  const rows = new SharedText<RequirementResult>(a.devices.map((d) => d.requirements), (r) => nestedJson(requirementJson(r), ROW_DEPTH)!);
  function* devices(): Generator<Preformatted> {
    for (const d of a.devices) {
      const members: [string, unknown][] = Object.entries(deviceHead(d));
      members.push(['requirements', new StreamedArray(d.requirements.map((r) => new Preformatted(rows.text(r))))]);
      yield new Preformatted(chunksText(new StreamedObject(members), DEVICE_DEPTH));
    }
  }
  yield* objectChunks(reportMembers(a, ctx, new StreamedArray(devices())), 0);
  yield '\n';
}

export const formatJson = chunkedFormatter(jsonReportChunks);
