import type { SourceRange } from '../diagnostics/diagnostic.js';

export type GithubLevel = 'error' | 'warning' | 'notice';

/** Workflow command data: "%", CR and LF escaped (as @actions/core escapeData does). */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property values: the data escapes plus ":" and "," (as @actions/core escapeProperty does). */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One GitHub Actions annotation: `::error file=F,line=L,endLine=E,col=C,endColumn=D,title=T::message`
 * (docs.github.com "Workflow commands for GitHub Actions", setting an error/warning/notice
 * message). Every property and the message are escaped, so text from the policy can
 * never end the command early or start another one.
 */
export function githubCommand(level: GithubLevel, at: { file?: string; range?: SourceRange; title?: string }, message: string): string {
  const props: [string, string | number][] = [];
  if (at.file !== undefined) props.push(['file', at.file.replace(/\\/g, '/').replace(/^(\.\/)+/, '')]);
  if (at.file !== undefined && at.range) {
    // a block (a waiver or flow mapping) is annotated at its first line
    props.push(['line', at.range.start.line], ['endLine', at.range.start.line], ['col', at.range.start.col]);
    if (at.range.end.line === at.range.start.line) props.push(['endColumn', Math.max(at.range.end.col, at.range.start.col + 1)]);
  }
  if (at.title !== undefined) props.push(['title', at.title]);
  const head = props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',');
  return `::${level}${head ? ` ${head}` : ''}::${escapeGithubData(message)}`;
}
