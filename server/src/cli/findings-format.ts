/** Renders check findings in the CLI's output formats; CI formats live in `../report`. */
import type { Finding } from '../card/findings';

/** Every format `check` can print. */
export const FINDING_FORMATS = ['text', 'json'] as const;

/** One of the check output formats. */
export type FindingFormat = (typeof FINDING_FORMATS)[number];

/** True when a string names a supported format. */
export function isFindingFormat(s: string): s is FindingFormat {
  return (FINDING_FORMATS as readonly string[]).includes(s);
}

/** One checked file: its display path, its text and its findings. */
export interface CheckedFile {
  path: string;
  text: string;
  findings: Finding[];
}

/** Renders all results in the chosen format. */
export function formatFindings(format: FindingFormat, results: readonly CheckedFile[]): string {
  switch (format) {
    case 'text':
      return results.flatMap((r) => r.findings.map((f) => textLine(r.path, f))).join('');
    case 'json':
      return JSON.stringify(results.flatMap((r) => r.findings.map((f) => jsonEntry(r.path, f))), null, 2) + '\n';
  }
}

/** `path:line:col: severity message [code]`, 1-based as editors and CI expect. */
export function textLine(path: string, f: Finding): string {
  return `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.message} [${f.code}]\n`;
}

/** A finding as a flat JSON object with 1-based start and end positions. */
export function jsonEntry(path: string, f: Finding): Record<string, unknown> {
  return {
    path,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
    ...(f.href ? { href: f.href } : {}),
    ...(f.fixes?.length ? { fixes: f.fixes.map((x) => x.title) } : {}),
  };
}
