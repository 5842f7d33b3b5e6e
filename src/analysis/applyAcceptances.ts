import type { Finding } from '../assess/types.js';
import type { Acceptance, Model } from '../model/types.js';

/**
 * Findings the policy accepts (`accept: [{ code, reason }]` on a conduit, covering the
 * conduit and its flows, or on a flow) stay in the report, as notes carrying the
 * reason: an audit sees what was accepted and why, and CI does not fail on it.
 */
export function applyAcceptances(findings: Finding[], model: Model): Finding[] {
  const byPointer = new Map<string, Acceptance[]>();
  for (const c of model.conduits.values()) {
    byPointer.set(c.pointer, c.accept ?? []);
    for (const f of c.flows) byPointer.set(f.pointer, [...(f.accept ?? []), ...(c.accept ?? [])]);
  }
  return findings.map((f) => {
    const a = (byPointer.get(f.pointer) ?? []).find((x) => x.code === f.code);
    return a ? { ...f, severity: 'note', message: `${f.message} (accepted: ${a.reason})` } : f;
  });
}
