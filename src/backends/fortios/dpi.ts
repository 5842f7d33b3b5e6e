import type { Rule } from '../../rules/types.js';
import { cmp } from './addresses.js';
import { overrideKey, resolveWriteSignatures } from './appSignatures.js';
import { FORTIOS_LIMITS } from './limits.js';
import { appListName } from './naming.js';
import { rulePhase } from './phase.js';
import { acceptName, comment } from './viewContext.js';
import type { ViewContext } from './viewContext.js';

/** One `config application list` entry with one block (enforce) or pass+log (monitor) entry. */
export interface AppListView {
  name: string;
  comment: string;
  ids: string[];
  action: 'block' | 'pass';
}

export interface DpiSection {
  lists: AppListView[];
  /** Rule id -> application list name for read-only rules in dpi mode. */
  byRule: Map<string, string>;
  /** Header lines (already plain text) about the signature ids in use. */
  notes: string[];
}

/**
 * Read-only flows in `dpi` mode get an application list whose entry matches the
 * protocol's write/control signatures. enforce: `action block` + log. monitor:
 * `action pass` + log, because in the monitor phase nothing the plant does may change
 * (DESIGN "Rollout phases"): a write is logged as "would block", not dropped.
 * OT signatures are excluded by default, so the caller also renders
 * `config ips global / set exclude-signatures none` (vendors.md 2.1).
 */
export function buildDpi(vc: ViewContext): DpiSection {
  const sec: DpiSection = { lists: [], byRule: new Map(), notes: [] };
  const lists = new Map<string, AppListView>();
  const noted = new Set<string>();
  for (const rule of vc.ep.rules) {
    const ro = rule.readOnly;
    if (!ro || ro.mode !== 'dpi' || rule.action !== 'allow') continue;
    const sig = resolveWriteSignatures(ro.protocol, vc.ep.options);
    if (!sig.ok) {
      if (!noted.has(ro.protocol)) invalidOption(vc, ro.protocol, sig.error);
      noted.add(ro.protocol);
      continue;
    }
    if (!noted.has(ro.protocol)) describeCoverage(vc, sec, rule, sig);
    noted.add(ro.protocol);
    if (sig.ids.length === 0) continue;
    const phase = rulePhase(vc.ep, rule);
    const name = appListName(ro.protocol, phase);
    let list = lists.get(name);
    if (!list) {
      if (!acceptName(vc, vc.appLists, name, 'application list', FORTIOS_LIMITS.appListName, `read-only ${ro.protocol}`, rule.trace?.pointer ?? vc.ep.pointer)) continue;
      const origin = sig.origin === 'override' ? `ids from option ${overrideKey(ro.protocol)}` : 'ids from the otpc table';
      const verb = phase === 'monitor' ? 'monitor phase: log (pass) writes' : 'block writes';
      list = {
        name,
        comment: comment(`otpc read-only ${ro.protocol}, ${verb}; ${origin}; verify application IDs against the FortiGuard database of this FortiGate`, FORTIOS_LIMITS.appListComment),
        ids: sig.ids.map(String),
        action: phase === 'monitor' ? 'pass' : 'block',
      };
      lists.set(name, list);
    }
    sec.byRule.set(rule.id, name);
  }
  sec.lists = [...lists.values()].sort((a, b) => cmp(a.name, b.name));
  return sec;
}

function invalidOption(vc: ViewContext, protocol: string, error: string): void {
  vc.diagnostics.push({
    code: 'OTPC709', severity: 'error', file: vc.file, pointer: `${vc.ep.pointer}/options/${overrideKey(protocol)}`,
    message: error, hint: 'Give the ids shown by the FortiGate (Security Profiles > Application Signatures), e.g. "48885 12345".',
  });
}

function describeCoverage(vc: ViewContext, sec: DpiSection, rule: Rule, sig: Extract<ReturnType<typeof resolveWriteSignatures>, { ok: true }>): void {
  const ro = rule.readOnly!;
  const key = overrideKey(ro.protocol);
  const uncovered = sig.covered === 'all' ? [] : ro.denied.filter((op) => !(sig.covered as number[]).includes(op));
  if (sig.ids.length > 0) {
    const from = sig.origin === 'override' ? `option ${key}` : `otpc table (${sig.names.join(', ')})`;
    sec.notes.push(`DPI ${ro.protocol}: FortiGuard application ids ${sig.ids.join(' ')} from ${from}; verify application IDs against the FortiGuard database of this FortiGate.`);
  }
  if (uncovered.length === 0) return;
  const what = sig.ids.length === 0 ? 'no application list is rendered, the rule is port level' : 'they pass the application list';
  sec.notes.push(`UNRESOLVED DPI ${ro.protocol}: write operations ${uncovered.join(' ')} have no verified FortiGuard application id and are NOT blocked (${what}); set option ${key}.`);
  vc.diagnostics.push({
    code: 'OTPC704', severity: 'warning', file: vc.file, pointer: rule.trace?.pointer ?? vc.ep.pointer,
    message: `FortiOS: no verified FortiGuard application id for ${ro.protocol} write operations ${uncovered.join(', ')}; this configuration does not block them`,
    hint: `Look the ids up on the FortiGate (Security Profiles > Application Signatures) and set enforcement option ${key}.`,
  });
}
