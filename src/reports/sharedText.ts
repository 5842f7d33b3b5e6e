/**
 * The text of each distinct row object of a report, formatted once. The assessment lists
 * the same read-only requirement row object for many devices (src/assess/sharedRows.ts:
 * 707,800 listed rows are ~121,000 objects at 10,000 assets), and a row's text depends on
 * the row only. The rows are counted first; a row listed once is formatted when met and
 * not kept, a shared row is kept until its last listing is written, so what is held stays
 * small while a report is written device by device.
 */
export class SharedText<T extends object> {
  private readonly remaining = new Map<T, number>();
  private readonly texts = new Map<T, string>();

  constructor(lists: Iterable<readonly T[]>, private readonly format: (row: T) => string) {
    for (const list of lists) for (const row of list) this.remaining.set(row, (this.remaining.get(row) ?? 0) + 1);
  }

  /** The row's text; call once per listing, in any order. */
  text(row: T): string {
    const left = this.remaining.get(row);
    if (left === undefined || left <= 1) {
      // last (or only) listing: forget it
      const kept = this.texts.get(row);
      this.texts.delete(row);
      this.remaining.delete(row);
      return kept ?? this.format(row);
    }
    this.remaining.set(row, left - 1);
    let t = this.texts.get(row);
    if (t === undefined) this.texts.set(row, (t = this.format(row)));
    return t;
  }
}
