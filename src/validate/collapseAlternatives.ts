import type { ErrorObject } from 'ajv';

function within(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/**
 * Reduces anyOf/oneOf noise to the most specific errors. ajv (allErrors) emits
 * the errors of every failed branch just before the anyOf error itself. A
 * branch whose only complaint is "wrong type" at the value is the wrong
 * branch; when some branch got past the type check, its errors are the ones
 * worth reading (sl-target: 5 -> "must be <= 4", not "must be object").
 * When every branch failed on type, one merged type error remains.
 */
export function collapseAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') {
      out.push(e);
      continue;
    }
    const at = e.instancePath;
    const branch: ErrorObject[] = [];
    while (out.length > 0 && within(out[out.length - 1].instancePath, at)) branch.unshift(out.pop() as ErrorObject);
    const specific = branch.filter((b) => !(b.keyword === 'type' && b.instancePath === at));
    if (specific.length > 0) {
      out.push(...specific);
      continue;
    }
    const types = [...new Set(branch.flatMap((b) => String(b.params.type ?? '').split(',')).filter((t) => t !== ''))];
    out.push({ ...e, keyword: types.length > 0 ? 'type' : e.keyword, params: { type: types.join(',') } });
  }
  return out;
}
