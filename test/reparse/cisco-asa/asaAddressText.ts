/**
 * IP address text as the ASA CLI takes it, for the independent re-parser. Written
 * from RFC 791 dotted-quad and RFC 4291 section 2.2 text forms; deliberately shares
 * no code with src/ (a bug there must not hide here).
 */
export type Family = 4 | 6;

export interface AddrRange { family: Family; first: bigint; last: bigint }

export function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function groups(text: string): number[] | undefined {
  if (text === '') return [];
  const out: number[] = [];
  for (const g of text.split(':')) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
    out.push(parseInt(g, 16));
  }
  return out;
}

export function parseV6(text: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:]+$/.test(text) || text.includes(':::')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<number>(missing).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function parseAddress(text: string): { family: Family; value: bigint } | undefined {
  const v4 = parseV4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = text.includes(':') ? parseV6(text) : undefined;
  return v6 !== undefined ? { family: 6, value: v6 } : undefined;
}

/** A contiguous IPv4 netmask (255.255.255.0) as a prefix length, else undefined. */
export function maskPrefix(text: string): number | undefined {
  const m = parseV4(text);
  if (m === undefined) return undefined;
  for (let p = 0; p <= 32; p++) {
    const mask = p === 0 ? 0n : ((1n << BigInt(p)) - 1n) << BigInt(32 - p);
    if (mask === m) return p;
  }
  return undefined;
}

export function prefixRange(family: Family, value: bigint, prefix: number): AddrRange | undefined {
  const bits = family === 4 ? 32 : 128;
  if (prefix < 0 || prefix > bits) return undefined;
  const size = 1n << BigInt(bits - prefix);
  if (value % size !== 0n) return undefined;
  return { family, first: value, last: value + size - 1n };
}

/** "2001:db8::/64" */
export function parseV6Prefix(text: string): AddrRange | undefined {
  const m = /^([0-9A-Fa-f:]+)\/([0-9]{1,3})$/.exec(text);
  if (!m) return undefined;
  const v = parseV6(m[1]);
  return v === undefined ? undefined : prefixRange(6, v, Number(m[2]));
}
