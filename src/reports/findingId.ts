/**
 * Identity of a finding, the same in every report of a site and stable when the
 * YAML is merely reordered (ids and messages never contain list positions), so a
 * previous JSON report can serve as a baseline (--baseline) and SARIF results keep
 * their fingerprints across runs.
 *
 * - A requirement finding is a device, a requirement and its status: a gap that
 *   becomes partial is one finding resolved and a new one.
 * - A site finding is its code and its message: messages name their subject by
 *   content (conduit id, flow endpoints and protocol, enforcement point), never by
 *   position. A changed message (one more device behind an unenforced conduit) is new.
 */
export function requirementFindingId(device: string, requirement: string, status: string): string {
  return `${device}/${requirement}/${status}`;
}

export function siteFindingId(code: string, message: string): string {
  return `${code}/${message}`;
}
