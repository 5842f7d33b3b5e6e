import type { Backend, RenderContext, RenderResult } from '../types.js';
import type { EnforcementIR } from '../../rules/types.js';
import { unsafeOutputLine, unsafeViewValue } from './assertSafe.js';
import { fortiosPolicyChecks } from './policyChecks.js';
import { fortiosTemplate } from './template.js';
import { toView } from './toView.js';

/**
 * The FortiOS backend (FortiGate CLI configuration, FortiOS 7.x, NGFW profile-based mode).
 * Pipeline: toView (validate names, sanitise text, sort, group) -> templates/fortios
 * (loop and print) -> output checks. Bad names and limits give diagnostics and an
 * empty text; render never throws for them.
 *
 * Decisions (vendors.md 2.1 is the source for the FortiOS facts):
 * - Names: a kind prefix + the IR base name, validated against `[A-Za-z0-9_-]` and the
 *   limits (objects: the platform row's nameMax, default 79; zones 35; interfaces 15),
 *   rejected (OTPC701/702/706/707), never escaped or truncated. See naming.ts.
 * - Policy names are `C|B|F<policy id>` (always <= 35); the readable text goes into
 *   `comments`: "otpc <rule id> [conduit <c>, flows[<i>]]: <IR comment>" (flows[<i>] is the
 *   0-based YAML index; the SRs are in the IR comment), sanitised and cut to 1023.
 * - Address objects: per family, one vendor object for a single range (`subnet` for a
 *   CIDR block, else `iprange`), or one object per range (`<name>_<k>`) plus an address
 *   group named like the object, so every rule refers to one name per family.
 * - Consolidated policy: srcaddr/dstaddr for IPv4 and srcaddr6/dstaddr6 for IPv6, a
 *   family only when both sides have it; ANY is "all" in both families and "ALL" for
 *   services. A rule with no common family or no service is not rendered (OTPC751):
 *   it matches nothing in the IR either.
 * - Policies in IR order (FortiOS evaluates in list order); the catch-all uses `any`.
 * - Read-only dpi rules: an application list blocking the protocol's write signatures
 *   (appSignatures.ts: documented id 48885 only, overridable per protocol with option
 *   `fortiguard-app-<protocol>-write`; unresolved operations are warned OTPC704, named
 *   in the header and NOT blocked) plus `ips global exclude-signatures none`.
 *   Monitor phase: the list passes and logs writes (nothing the plant does changes).
 * - Read-only flows the IR gives as 'port-only' (the platform row does not list the
 *   protocol, or the site has not set the verified FortiGuard ids of its write
 *   signatures) say "READ-ONLY NOT ENFORCED ... Why: ..." in the policy comments and in
 *   the header (readOnlyNotes.ts), as the IOS and ASA remarks do.
 * - Rate limits: DoS policies on the ingress interface (dos.ts), block in enforce,
 *   pass + log in monitor. Kinds the catalogue does not list for fortios never reach the
 *   backend (the assessment reports them); a claimed embryonic limit is refused
 *   (OTPC705); the UDP part of a new-connection rate is warned (OTPC704), TCP rendered.
 * - Header: site "<name> (<id>)" as every backend, wrapped at 120 columns (never cut);
 *   the monitor-to-enforce note only outside the enforce phase.
 */
function render(ep: EnforcementIR, ctx: RenderContext): RenderResult {
  const { view, diagnostics } = toView(ep, ctx);
  if (!view) return { text: '', diagnostics };
  const internal = (message: string): RenderResult => ({
    text: '',
    diagnostics: [...diagnostics, { code: 'OTPC999', severity: 'error', file: ctx.file, pointer: ep.pointer, message }],
  });
  const bad = unsafeViewValue(view);
  if (bad !== undefined) return internal(`FortiOS backend: unsanitised value ${JSON.stringify(bad)} reached the template`);
  const text = fortiosTemplate()(view);
  const line = unsafeOutputLine(text);
  if (line !== undefined) return internal(`FortiOS backend: rendered line ${line} is not safe CLI text`);
  return { text, diagnostics };
}

export const fortiosBackend: Backend = {
  platform: 'fortios',
  extension: 'conf',
  title: 'Fortinet FortiOS (FortiGate CLI)',
  render,
  policyChecks: fortiosPolicyChecks,
};
