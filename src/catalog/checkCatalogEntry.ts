import { requirementSortKey } from './compareRequirementIds.js';
import type { CatalogKind } from './types.js';

/** A consistency problem inside one entry: pointer relative to the entry (YAML keys), message. */
export interface EntryProblem {
  path: string;
  message: string;
}

type Entry = Record<string, unknown>;
type Check = (entry: Entry) => EntryProblem[];

/**
 * Checks a schema cannot express: the facts an id implies (an RE names its SR,
 * FR and clause follow from the number), port ranges in order, operation code
 * lists disjoint. Entries are already schema-valid and camelCase.
 */
export function checkCatalogEntry(kind: CatalogKind, entry: Entry): EntryProblem[] {
  return CHECKS[kind](entry);
}

const CHECKS: Record<CatalogKind, Check> = {
  requirements: checkRequirement,
  capabilities: () => [],
  profiles: () => [],
  controls: () => [],
  protocols: checkProtocol,
  platforms: () => [],
};

function checkRequirement(entry: Entry): EntryProblem[] {
  const id = entry.id as string;
  const key = requirementSortKey(id);
  if (!key) return [];
  const [x, n, re] = key;
  const problems: EntryProblem[] = [];
  const base = `SR ${x}.${n}`;
  if (entry.kind !== (re ? 'RE' : 'SR')) problems.push({ path: '/kind', message: `must be "${re ? 'RE' : 'SR'}" for id "${id}"` });
  if (re && entry.parent !== base) problems.push({ path: '/parent', message: `must be "${base}" for id "${id}"` });
  if (!re && entry.parent !== undefined) problems.push({ path: '/parent', message: `an SR has no parent` });
  if (entry.fr !== `FR${x}`) problems.push({ path: '/fr', message: `must be "FR${x}" for id "${id}"` });
  // IEC 62443-3-3: SR x.n is clause (x+4).(n+2); its REs are in sub-clause .3.
  const clause = `${x + 4}.${n + 2}${re ? '.3' : ''}`;
  if (entry.clause !== clause) problems.push({ path: '/clause', message: `must be "${clause}" for id "${id}"` });
  const alternatives = (entry.alternatives as number[] | undefined) ?? [];
  if (alternatives.includes(entry.level as number)) problems.push({ path: '/alternatives', message: `must not repeat the default level ${String(entry.level)}` });
  return problems;
}

function checkProtocol(entry: Entry): EntryProblem[] {
  const problems: EntryProblem[] = [];
  (entry.ports as { ports: [number, number] }[]).forEach((spec, i) => {
    if (spec.ports[0] > spec.ports[1]) problems.push({ path: `/ports/${i}/ports`, message: `port range ${spec.ports[0]}-${spec.ports[1]} is reversed` });
  });
  if (entry.secureVariant === entry.id) problems.push({ path: '/secure-variant', message: 'a protocol cannot be its own secure variant' });
  const ops = entry.operations as Record<string, number[] | undefined> | undefined;
  if (ops) problems.push(...overlaps(ops));
  return problems;
}

/** read, write and session must not share a code: a code has one meaning for the filter. */
function overlaps(ops: Record<string, number[] | undefined>): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const lists = (['read', 'write', 'session'] as const).map((name) => [name, ops[name] ?? []] as const);
  for (const [i, [a, codesA]] of lists.entries()) {
    for (const [b, codesB] of lists.slice(i + 1)) {
      const shared = codesA.filter((c) => codesB.includes(c));
      if (shared.length > 0) problems.push({ path: `/operations/${b}`, message: `codes ${shared.join(', ')} are in both ${a} and ${b}` });
    }
  }
  return problems;
}
