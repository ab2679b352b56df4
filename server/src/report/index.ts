/** The CI report formats of `release-gates check --format sarif|junit|github`. */
import { formatGitHub } from './github';
import { formatJUnit } from './junit';
import { formatSarif } from './sarif';
import type { ReportFile, ReportOptions } from './types';

/** The CI formats this module renders (text and json are the CLI's own). */
export const REPORT_FORMATS = ['sarif', 'junit', 'github'] as const;

/** One CI format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** True when a string names a CI format. */
export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

/** Renders findings in a CI format. */
export function formatReport(format: ReportFormat, files: readonly ReportFile[], options: ReportOptions = {}): string {
  switch (format) {
    case 'sarif':
      return formatSarif(files, options);
    case 'junit':
      return formatJUnit(files, options);
    case 'github':
      return formatGitHub(files);
  }
}

/** The input and options of every formatter. */
export type { ReportFile, ReportOptions } from './types';
