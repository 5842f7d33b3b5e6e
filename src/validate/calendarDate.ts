const FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function utcDay(text: string): number | undefined {
  const m = FORM.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Date.UTC rolls 2027-02-30 over to March 2; a real date survives the round trip
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / DAY_MS;
}

/** True for a real Gregorian date written YYYY-MM-DD (2027-02-29 is not one). */
export function isCalendarDate(text: string): boolean {
  return utcDay(text) !== undefined;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD calendar dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = utcDay(from);
  const b = utcDay(to);
  if (a === undefined || b === undefined) throw new RangeError(`not a calendar date: ${a === undefined ? from : to}`);
  return b - a;
}
