import type { Catalogs } from '../catalog/types.js';
import type { Finding } from '../assess/types.js';
import type { Model } from '../model/types.js';
import { ANY } from '../rules/types.js';
import type { EnforcementIR, RuleIR } from '../rules/types.js';

/**
 * OTPC757: an enforcement point whose configuration is at or near a platform limit:
 * rules, objects (address objects and groups, services and service groups) and the
 * largest member list (an address or service group, or the several addresses or
 * services one rule names, which the vendors render as a group or a member list).
 *
 * Limits: the platform catalogue's `limits.rules-max / objects-max /
 * group-members-max` where it gives a fixed, documented value (none does today: the
 * firewall tables depend on model and licence, see catalogs/platforms.yaml), overridden
 * per enforcement point by the options `max-rules`, `max-objects`,
 * `max-group-members` (positive integers: the site's own datasheet numbers).
 *
 * Counted on the IR `compile` renders by default (optimised), in IR terms: a vendor
 * may expand further (IOS splits ranges into CIDR entries and adds reply entries), so
 * the numbers are lower bounds there. The count without optimisation is given too, for
 * `compile --no-optimize`. "Close" means 90 % of the limit or more.
 */
export const LIMIT_OPTIONS = { rules: 'max-rules', objects: 'max-objects', members: 'max-group-members' } as const;
export const CLOSE_RATIO = 0.9;

type Kind = keyof typeof LIMIT_OPTIONS;
const WHAT: Record<Kind, string> = { rules: 'rules', objects: 'objects', members: 'members in its largest group' };

export function countOf(ep: EnforcementIR, kind: Kind): number {
  if (kind === 'rules') return ep.rules.length;
  if (kind === 'objects') return ep.addresses.length + ep.addressGroups.length + ep.services.length + ep.serviceGroups.length;
  const lists = [
    ...ep.addressGroups.map((g) => g.members.length),
    ...ep.serviceGroups.map((g) => g.members.length),
    ...ep.rules.flatMap((r) => [r.src, r.dst, r.services].filter((l) => !l.includes(ANY)).map((l) => l.length)),
  ];
  return lists.reduce((m, n) => Math.max(m, n), 0);
}

export function platformLimitFindings(model: Model, catalogs: Catalogs, ir: RuleIR, optimized: RuleIR = ir): Finding[] {
  const out: Finding[] = [];
  const plainById = new Map(ir.enforcement.map((e) => [e.id, e]));
  for (const ep of optimized.enforcement) {
    const point = model.enforcement.get(ep.id);
    const limits = catalogs.platforms.get(ep.platform)?.limits;
    const catalogue: Record<Kind, number | undefined> = { rules: limits?.rulesMax, objects: limits?.objectsMax, members: limits?.groupMembersMax };
    for (const kind of Object.keys(LIMIT_OPTIONS) as Kind[]) {
      const option = LIMIT_OPTIONS[kind];
      const raw = point?.options[option];
      const pointer = raw === undefined ? ep.pointer : `${ep.pointer}/options/${option}`;
      if (raw !== undefined && !(typeof raw === 'number' && Number.isInteger(raw) && raw > 0)) {
        out.push({ code: 'OTPC757', severity: 'warning', pointer, message: `option ${option} of ${ep.id} must be a positive integer (got ${JSON.stringify(raw)}); ignored` });
        continue;
      }
      const limit = typeof raw === 'number' ? raw : catalogue[kind];
      if (limit === undefined) continue;
      const source = typeof raw === 'number' ? `option ${option}` : `platform ${ep.platform}`;
      const n = countOf(ep, kind);
      const plain = countOf(plainById.get(ep.id) ?? ep, kind);
      const without = plain !== n ? ` (${plain} without optimisation)` : '';
      if (n > limit) {
        out.push({ code: 'OTPC757', severity: 'warning', pointer, message: `${ep.id} (${ep.platform}) needs ${n} ${WHAT[kind]}${without}: the limit is ${limit} (${source})` });
      } else if (plain > limit) {
        out.push({ code: 'OTPC757', severity: 'warning', pointer, message: `${ep.id} (${ep.platform}) needs ${plain} ${WHAT[kind]} with --no-optimize: the limit is ${limit} (${source}); the optimised configuration has ${n}` });
      } else if (n >= limit * CLOSE_RATIO) {
        out.push({ code: 'OTPC757', severity: 'warning', pointer, message: `${ep.id} (${ep.platform}) needs ${n} ${WHAT[kind]}${without}, close to the limit of ${limit} (${source})` });
      }
    }
  }
  return out;
}
