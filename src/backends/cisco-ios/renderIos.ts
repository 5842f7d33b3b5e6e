import type { RenderContext, RenderResult } from '../types.js';
import type { EnforcementIR } from '../../rules/types.js';
import { buildIosView } from './buildIosView.js';
import { iosTemplate } from './iosTemplates.js';

/** LF only, no trailing blanks, exactly one newline at the end. */
function normalise(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t]+$/, ''));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * Renders one enforcement point as IOS / IOS-XE configuration. Never throws: bad
 * input gives located diagnostics and empty text; an unexpected failure is OTPC999.
 */
export function renderIos(ep: EnforcementIR, ctx: RenderContext): RenderResult {
  try {
    const { view, diagnostics } = buildIosView(ep, ctx);
    if (diagnostics.some((d) => d.severity === 'error')) return { text: '', diagnostics };
    return { text: normalise(iosTemplate()(view)), diagnostics };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      text: '',
      diagnostics: [{ code: 'OTPC999', severity: 'error', file: ctx.file, pointer: ep.pointer, message: `Cisco IOS renderer failed: ${message}` }],
    };
  }
}
