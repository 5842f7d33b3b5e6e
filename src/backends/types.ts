import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Catalogs, Platform } from '../catalog/types.js';
import type { EnforcementIR } from '../rules/types.js';
import type { Issue } from '../validate/issue.js';

export interface RenderContext {
  platform: Platform;
  catalogs: Catalogs;
  /** Display path of the policy, for located diagnostics. */
  file: string;
  /** The site, for headers. */
  site?: { id: string; name?: string };
}

export interface RenderResult {
  /** The configuration text, LF line endings, ending with a newline. Empty when errors stop rendering. */
  text: string;
  diagnostics: Diagnostic[];
}

/** One zone -> interface entry of an enforcement point: the interface name and the zone it binds. */
export interface BindingFacts {
  zone: string;
  interface: string;
  /** /enforcement/<ep>/interfaces/<zone> */
  pointer: string;
  /** Address families of the zone's valid networks. */
  families: (4 | 6)[];
}

/** An asset or zone some flow on the enforcement point names: the rule IR gives it an address object. */
export interface EndpointFacts {
  kind: 'asset' | 'zone';
  id: string;
  /** /assets/<id> or /zones/<id>, as AddressObject.pointer. */
  pointer: string;
  families: (4 | 6)[];
}

/**
 * What the policy alone says about one enforcement point, read by validation
 * (src/validate/enforcementFacts.ts) before any model or rule IR exists: the input of
 * Backend.policyChecks. Ids and interface names are as the schema allows them.
 */
export interface EnforcementFacts {
  id: string;
  pointer: string;
  platform: Platform;
  options: Record<string, unknown>;
  bindings: BindingFacts[];
  endpoints: EndpointFacts[];
}

/**
 * A vendor backend: one module + one folder of templates (templates/<platform>/).
 * The module declares escaping and naming and builds the view model; templates only loop and print.
 * Vendor differences live only here (STYLE 5).
 */
export interface Backend {
  /** Platform id, same as the platforms catalogue row and the registry key. */
  platform: string;
  /** File extension for DIR/<enforcement-point-id>.<ext>. */
  extension: string;
  title: string;
  render(ep: EnforcementIR, ctx: RenderContext): RenderResult;
  /**
   * The backend's own name, interface and option checks on what the policy alone decides
   * (OTPC701/702/706/709), run by `validate` and `report` (src/validate/checkVendorNames.ts)
   * so that they reject what `render` would. Issues are unlocated (file ''); names only the
   * rule IR or the optimiser decides are left to render.
   */
  policyChecks?(facts: EnforcementFacts): Issue[];
}
