import type { IpRange } from '../../model/types.js';
import { formatAddress, formatNet, isCidr, mergeRanges } from '../../model/ip.js';
import { compareStrings } from '../../rules/compareStrings.js';
import { ANY } from '../../rules/types.js';
import type { Rule } from '../../rules/types.js';
import { acceptName, internalError, rulePointer } from './nftContext.js';
import type { NftContext } from './nftContext.js';
import { addressSetName, groupSetName, unionSetName } from './nftNames.js';
import { nftComment, quoted } from './nftText.js';

/** One `set NAME { ... }` block: every line ready to print (the template indents them). */
export interface SetView {
  name: string;
  lines: string[];
}

interface RefSets {
  ranges: IpRange[];
  names: { 4?: string; 6?: string };
  owner: string;
}

/**
 * Named interval sets for the IR address objects and groups, one per object and
 * family (`ipv4_addr` / `ipv6_addr`; an object with both families gives two sets),
 * plus union sets for rule sides that list several objects (nft cannot put set
 * references inside an anonymous set). Elements are merged first: an interval set
 * rejects overlapping elements.
 */
export class AddressSets {
  readonly views: SetView[] = [];
  private readonly byRef = new Map<string, RefSets>();
  private readonly unions = new Map<string, string>();

  constructor(private readonly nc: NftContext) {
    // Objects and groups have no meaningful order: sorted by id, so the output does not depend on it.
    for (const obj of [...nc.ep.addresses].sort((a, b) => compareStrings(a.id, b.id))) {
      this.addRef(obj.id, obj.ranges, (f) => addressSetName(obj, f), `${obj.source.kind} ${obj.source.id}`, obj.pointer);
    }
    for (const g of [...nc.ep.addressGroups].sort((a, b) => compareStrings(a.id, b.id))) {
      const members = g.members.map((m) => this.byRef.get(m));
      if (members.some((m) => m === undefined)) {
        internalError(nc, `address group ${g.id} lists an unknown member`, g.pointer);
        continue;
      }
      const ranges = members.flatMap((m) => m!.ranges);
      this.addRef(g.id, ranges, (f) => groupSetName(g.name, f), `group ${g.name}: ${g.members.join(', ')}`, g.pointer);
    }
  }

  private addRef(id: string, ranges: IpRange[], name: (f: 4 | 6) => string, what: string, pointer: string): void {
    const merged = mergeRanges(ranges);
    const entry: RefSets = { ranges: merged, names: {}, owner: `address object ${id}` };
    for (const family of [4, 6] as const) {
      const fr = merged.filter((r) => r.family === family);
      if (fr.length === 0) continue;
      const setName = name(family);
      if (!acceptName(this.nc, this.nc.sets, setName, 'set', entry.owner, pointer)) continue;
      entry.names[family] = setName;
      this.views.push(intervalSet(setName, family, fr, nftComment(`otpc ${what}`, this.nc.commentMax)));
    }
    this.byRef.set(id, entry);
  }

  /** Families in which the side matches at least one address (ANY matches both). */
  families(refs: string[]): Set<4 | 6> {
    if (refs.includes(ANY)) return new Set([4, 6]);
    const out = new Set<4 | 6>();
    for (const ref of refs) for (const r of this.byRef.get(ref)?.ranges ?? []) out.add(r.family);
    return out;
  }

  known(ref: string): boolean {
    return ref === ANY || this.byRef.has(ref);
  }

  /**
   * What a rule side matches in one family: `any` for ANY (no address match), the
   * object's own `@set` for one reference, a union `@set` for several, or null when
   * no referenced object has an address of that family (the side matches nothing).
   */
  side(rule: Rule, side: 'src' | 'dst', family: 4 | 6): string | null {
    const refs = side === 'src' ? rule.src : rule.dst;
    if (refs.includes(ANY)) return 'any';
    const withFamily = refs.filter((ref) => this.byRef.get(ref)?.ranges.some((r) => r.family === family));
    if (withFamily.length === 0) return null;
    if (withFamily.length === 1) {
      const name = this.byRef.get(withFamily[0])!.names[family];
      return name === undefined ? null : `@${name}`;
    }
    return `@${this.union(rule, side, family, withFamily)}`;
  }

  private union(rule: Rule, side: 'src' | 'dst', family: 4 | 6, refs: string[]): string {
    const name = unionSetName(rule.number, side, family);
    const known = this.unions.get(name);
    if (known !== undefined) return known;
    this.unions.set(name, name);
    const ranges = mergeRanges(refs.flatMap((ref) => this.byRef.get(ref)!.ranges)).filter((r) => r.family === family);
    if (acceptName(this.nc, this.nc.sets, name, 'set', `rule ${rule.id} ${side}`, rulePointer(this.nc, rule))) {
      this.views.push(intervalSet(name, family, ranges, nftComment(`otpc rule ${rule.number} ${side}: ${refs.join(', ')}`, this.nc.commentMax)));
    }
    return name;
  }
}

/** `10.0.0.1`, `10.0.0.0/24`, or `10.0.0.5-10.0.0.9` (interval sets take all three, vendors.md 2.6). */
export function elementText(r: IpRange): string {
  if (r.first === r.last) return formatAddress(r.family, r.first);
  const cidr = isCidr(r);
  if (cidr) return formatNet(r.family, r.first, cidr.prefix);
  return `${formatAddress(r.family, r.first)}-${formatAddress(r.family, r.last)}`;
}

export function elementLines(elements: string[]): string[] {
  if (elements.length === 0) return [];
  const one = `elements = { ${elements.join(', ')} }`;
  if (one.length <= 72) return [one];
  return ['elements = {', ...elements.map((e, i) => `  ${e}${i < elements.length - 1 ? ',' : ''}`), '}'];
}

function intervalSet(name: string, family: 4 | 6, ranges: IpRange[], comment: string): SetView {
  return {
    name,
    lines: [
      `type ${family === 4 ? 'ipv4_addr' : 'ipv6_addr'}`,
      'flags interval',
      ...(comment !== '' ? [`comment ${quoted(comment)}`] : []),
      ...elementLines(ranges.map(elementText)),
    ],
  };
}
