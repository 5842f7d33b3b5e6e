import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { catalogDiagnostic } from './catalogDiagnostic.js';
import type { LoadedEntry } from './readCatalogFile.js';
import type { CatalogKind } from './types.js';

/** Merged entries per kind, and the ids of entries dropped for errors. */
export type MergedEntries = Record<CatalogKind, Map<string, LoadedEntry>>;
export type BrokenIds = Record<CatalogKind, Set<string>>;

interface Reference {
  /** Pointer below the entry, in YAML (kebab-case) keys. */
  path: string;
  id: string;
}

interface ReferenceRule {
  from: CatalogKind;
  to: CatalogKind;
  what: string;
  refs: (entry: Record<string, unknown>) => Reference[];
}

type Obj = Record<string, unknown>;

/** Every id one catalogue takes from another (OTPC603 when it is missing). */
const RULES: ReferenceRule[] = [
  { from: 'requirements', to: 'requirements', what: 'requirement', refs: (e) => (e.parent === undefined ? [] : [{ path: '/parent', id: e.parent as string }]) },
  { from: 'capabilities', to: 'requirements', what: 'requirement', refs: (e) => list(e.meets, '/meets') },
  { from: 'profiles', to: 'capabilities', what: 'capability', refs: (e) => list(e.capabilities, '/capabilities') },
  { from: 'controls', to: 'requirements', what: 'requirement', refs: (e) => (e.meets as Obj[]).map((m, i) => ({ path: `/meets/${i}/requirement`, id: m.requirement as string })) },
  { from: 'controls', to: 'requirements', what: 'requirement', refs: (e) => list(e.ruleTrace, '/rule-trace') },
  { from: 'controls', to: 'capabilities', what: 'capability', refs: controlCapabilityRefs },
  { from: 'protocols', to: 'protocols', what: 'protocol', refs: (e) => (e.secureVariant === undefined ? [] : [{ path: '/secure-variant', id: e.secureVariant as string }]) },
  { from: 'platforms', to: 'protocols', what: 'protocol', refs: (e) => list((e.supports as Obj).readOnly, '/supports/read-only') },
];

/**
 * Cross-checks the merged catalogues: capability and control requirement ids,
 * profile capabilities, platform read-only protocols, secure variants and RE
 * parents must all exist. References to entries that were dropped for their own
 * errors are not reported twice.
 */
export function checkCatalogReferences(merged: MergedEntries, broken: BrokenIds): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of RULES) {
    const targets = merged[rule.to];
    for (const loaded of merged[rule.from].values()) {
      for (const ref of rule.refs(loaded.entry)) {
        if (targets.has(ref.id) || broken[rule.to].has(ref.id)) continue;
        const message = `${rule.from} entry "${loaded.id}": ${ref.path} names unknown ${rule.what} "${ref.id}"`;
        out.push(catalogDiagnostic('OTPC603', loaded.file, loaded.pointer + ref.path, message, loaded.locate));
      }
    }
  }
  return out;
}

function list(value: unknown, path: string): Reference[] {
  return ((value as string[] | undefined) ?? []).map((id, i) => ({ path: `${path}/${i}`, id }));
}

/** Predicates whose `capability` argument is a capability id (docs/architecture.md, predicates). */
const CAPABILITY_PREDICATES = new Set(['asset-capability', 'jump-host-capability']);

/** Capability ids named in the control's and its effects' preconditions. */
function controlCapabilityRefs(e: Obj): Reference[] {
  const fromList = (pres: unknown, path: string): Reference[] =>
    ((pres as Obj[] | undefined) ?? []).flatMap((p, j) => {
      const capability = (p.args as Obj | undefined)?.capability;
      return CAPABILITY_PREDICATES.has(p.predicate as string) && typeof capability === 'string' ? [{ path: `${path}/${j}/args/capability`, id: capability }] : [];
    });
  const effects = (e.meets as Obj[]).flatMap((m, i) => fromList(m.preconditions, `/meets/${i}/preconditions`));
  return [...fromList(e.preconditions, '/preconditions'), ...effects];
}
