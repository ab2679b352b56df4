/** The input every CI formatter takes: findings per checked file. */
import type { Finding } from '../card/findings';

/** One checked card: its path relative to the working directory, and its findings. */
export interface ReportFile {
  path: string;
  findings: readonly Finding[];
}

/** Options shared by the formatters. */
export interface ReportOptions {
  /** Tool version written into the report (SARIF driver version, JUnit properties). */
  version?: string;
}

/** Paths in reports use forward slashes, whatever the platform. */
export function reportPath(path: string): string {
  return path.replace(/\\/g, '/');
}

/** 1-based start and end of a finding, end column exclusive as SARIF counts it. */
export function oneBased(f: Finding): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return {
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}
