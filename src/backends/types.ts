import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Catalogs, Platform } from '../catalog/types.js';
import type { EnforcementIR } from '../rules/types.js';

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
}
