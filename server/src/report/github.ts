/**
 * GitHub Actions workflow commands: `::error file=…,line=…::message`, shown as annotations on the
 * pull request. Data and properties are escaped as the Actions toolkit does, so a message with a
 * newline, a percent sign, or a path with a comma cannot break or inject a command.
 */
import type { Finding, Severity } from '../card/findings';
import { reportPath, type ReportFile } from './types';

/** Escapes the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (also `:` and `,`, which separate properties). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub's annotation commands; info and hint become notices. */
function command(s: Severity): 'error' | 'warning' | 'notice' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'notice';
}

/** One annotation line for a finding (columns 1-based; endColumn is the last character, inclusive). */
export function annotation(path: string, f: Finding): string {
  const line = f.range.start.line + 1;
  const col = f.range.start.character + 1;
  const endLine = f.range.end.line + 1;
  const endColumn = Math.max(col, f.range.end.character);
  const props = [
    `file=${escapeProperty(reportPath(path))}`, `line=${line}`, `col=${col}`, `endLine=${endLine}`, `endColumn=${endColumn}`,
    `title=${escapeProperty(`release-gates ${f.code}`)}`,
  ].join(',');
  return `::${command(f.severity)} ${props}::${escapeData(f.message)}`;
}

/** Renders every finding as an annotation, one per line. */
export function formatGitHub(files: readonly ReportFile[]): string {
  return files.flatMap((file) => file.findings.map((f) => annotation(file.path, f) + '\n')).join('');
}
