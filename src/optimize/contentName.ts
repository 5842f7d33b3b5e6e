import { createHash } from 'node:crypto';

/**
 * Names of the objects the optimiser creates (merged address objects, address and
 * service groups): readable and derived from content only, so the same policy always
 * gives the same names, whatever the run.
 *
 * "<first member>-<member count>", e.g. "plc-filter-1-4". When that name is taken by
 * different content on the same enforcement point, or would be long, the first member
 * is cut and a short content hash added: "plc-filter-1-4-3fa9c2". The cap keeps
 * every vendor name (prefix + name + range suffix) far inside the tightest object-name
 * limit of the catalogue (IOS and ASA: 64 characters with a prefix of up to 5).
 */
export const MAX_BASE_NAME = 40;
const CUT = 30;

export function contentHash(members: readonly string[], length = 6): string {
  return createHash('sha256').update(members.join('\n')).digest('hex').slice(0, length);
}

export function contentName(first: string, members: readonly string[], taken: (name: string) => boolean): string {
  const base = `${first}-${members.length}`;
  if (base.length <= MAX_BASE_NAME && !taken(base)) return base;
  const head = first.slice(0, CUT).replace(/-+$/, '');
  for (let length = 6; length <= 64; length += 2) {
    const name = `${head}-${members.length}-${contentHash(members, length)}`;
    if (!taken(name)) return name;
  }
  throw new Error(`optimiser: no free name for ${members.join(',')}`);
}
