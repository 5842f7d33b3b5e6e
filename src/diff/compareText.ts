/** Code-unit string order (never localeCompare: output must not depend on ICU or the locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
