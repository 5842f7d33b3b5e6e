import type { Catalogs } from '../catalog/types.js';

/**
 * What meets a requirement, from the catalogues: the native capabilities and the
 * compensating controls (full or partial). Used as rule help in SARIF and JUnit so a
 * reader sees how to close a gap without leaving the CI page.
 */
export function requirementHelp(catalogs: Catalogs, id: string): string {
  const req = catalogs.requirements.get(id);
  const head = req
    ? `IEC 62443-3-3 ${id} (${req.fr}, clause ${req.clause}): ${req.title}. Required from SL ${req.level} of the zone (or conduit) target.`
    : `IEC 62443-3-3 ${id}.`;
  const caps = [...catalogs.capabilities.values()].filter((c) => c.meets.includes(id)).map((c) => c.id).sort();
  const controls = [...catalogs.controls.values()]
    .flatMap((c) => c.meets.filter((m) => m.requirement === id).map((m) => `${c.id}${m.extent === 'partial' ? ' (partly)' : ''}`))
    .sort();
  const lines = [head];
  lines.push(caps.length > 0 ? `Met natively by the device capabilities: ${caps.join(', ')}.` : 'No device capability meets it natively.');
  if (req && !req.compensable) lines.push('No network control can compensate it: fix the device, replace it, or waive it with an approval and an expiry date.');
  else lines.push(controls.length > 0 ? `Compensating controls: ${controls.join(', ')}.` : 'No compensating control in the catalogue meets it.');
  return lines.join(' ');
}
