import { splitPointer } from '../diagnostics/sourceMap.js';

const ENTITIES: Record<string, string> = {
  zones: 'zone',
  assets: 'asset',
  conduits: 'conduit',
  enforcement: 'enforcement point',
};

function field(rest: string[]): string {
  return rest.map((s, i) => (/^\d+$/.test(s) ? `[${Number(s) + 1}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The entity a pointer lies in, in words: 'asset "plc-1"', 'flow 2 of conduit "c"', 'waiver 3', 'the policy'. */
function entity(seg: string[]): { name: string; rest: string[]; section?: boolean } {
  const [top, id, third, index, ...more] = seg;
  if (top in ENTITIES && id !== undefined) {
    const name = `${ENTITIES[top]} "${id.length > 60 ? `${id.slice(0, 60)}…` : id}"`;
    if (top === 'conduits' && third === 'flows' && index !== undefined && /^\d+$/.test(index)) {
      return { name: `flow ${Number(index) + 1} of ${name}`, rest: more };
    }
    return { name, rest: seg.slice(2) };
  }
  if (top === 'waivers' && id !== undefined && /^\d+$/.test(id)) return { name: `waiver ${Number(id) + 1}`, rest: seg.slice(2) };
  if (top === 'site' || top === 'services' || top === 'options' || top === 'rollout') return { name: top, rest: seg.slice(1), section: true };
  return { name: 'the policy', rest: seg };
}

/**
 * Words for a JSON pointer: "/zones/control/sl-target" -> 'sl-target of zone "control"',
 * "/assets/plc-1" -> 'asset "plc-1"', "/conduits/c/flows/0/to/1" -> 'to[2] of flow 1 of conduit "c"'.
 */
export function describePointer(pointer: string): string {
  const { name, rest, section } = entity(splitPointer(pointer));
  if (rest.length === 0) return name;
  if (section) return `${name}.${field(rest)}`;
  return name === 'the policy' ? `"${field(rest)}"` : `${field(rest)} of ${name}`;
}
