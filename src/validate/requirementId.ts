/**
 * IEC 62443-3-3 requirement ids as written by people: "SR 1.1 RE 1",
 * "SR1.1 RE1", "sr 1.1 re(1)", "SR 1.1 RE (1)". The standard itself writes
 * "SR 1.1 RE 1" (clause 5.3.3); that is the canonical form.
 */
const FORM = /^\s*SR\s*(\d{1,2})\s*\.\s*(\d{1,2})(?:\s*RE\s*(?:\(\s*(\d{1,2})\s*\)|(\d{1,2})))?\s*$/i;

/** The canonical id ("SR 1.1 RE 1"), or undefined when the text is not a requirement id at all. */
export function canonicalRequirementId(text: string): string | undefined {
  const m = FORM.exec(text);
  if (!m) return undefined;
  const base = `SR ${Number(m[1])}.${Number(m[2])}`;
  const re = m[3] ?? m[4];
  return re === undefined ? base : `${base} RE ${Number(re)}`;
}
