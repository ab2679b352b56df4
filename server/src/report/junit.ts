/**
 * JUnit XML for CI test reports: one testsuite per card, one testcase per card × code (every rule,
 * plus any other code found). Error findings fail their testcase; warnings and below are listed in
 * `system-out` of a passing one, so CI dashboards count rules checked, not just problems.
 */
import type { Finding } from '../card/findings';
import { RULE_IDS } from '../rules/registry';
import { reportPath, type ReportFile, type ReportOptions } from './types';

/** Options of the JUnit formatter. */
export interface JUnitOptions extends ReportOptions {
  /** Codes that were checked for every card (defaults to every rule id). */
  codes?: readonly string[];
  /** The name of the whole report: the command that produced it (defaults to "release-gates check"). */
  title?: string;
}

/** Renders the JUnit XML report. */
export function formatJUnit(files: readonly ReportFile[], options: JUnitOptions = {}): string {
  const suites = files.map((file) => suite(file, options.codes ?? RULE_IDS));
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(options.title ?? 'release-gates check')}" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(file: ReportFile, checked: readonly string[]): { xml: string; tests: number; failures: number } {
  const path = reportPath(file.path);
  const codes = [...new Set([...checked, ...file.findings.map((f) => f.code)])];
  const cases = codes.map((code) => testcase(path, code, file.findings.filter((f) => f.code === code)));
  const failures = cases.filter((c) => c.failed).length;
  const xml = [
    `  <testsuite name="${attr(path)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases.map((c) => c.xml),
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: cases.length, failures };
}

function testcase(path: string, code: string, findings: readonly Finding[]): { xml: string; failed: boolean } {
  const errors = findings.filter((f) => f.severity === 'error');
  const others = findings.filter((f) => f.severity !== 'error');
  const open = `    <testcase classname="${attr(path)}" name="${attr(code)}">`;
  const parts: string[] = [];
  if (errors.length > 0) {
    const first = errors[0] as Finding;
    const body = errors.map((f) => line(path, f)).join('\n');
    parts.push(`      <failure message="${attr(first.message)}" type="${attr(code)}">${text(body)}</failure>`);
  }
  if (others.length > 0) parts.push(`      <system-out>${text(others.map((f) => line(path, f)).join('\n'))}</system-out>`);
  if (parts.length === 0) return { xml: `${open.slice(0, -1)} />`, failed: false };
  return { xml: [open, ...parts, '    </testcase>'].join('\n'), failed: errors.length > 0 };
}

/** `path:line:col: severity message`, 1-based. */
function line(path: string, f: Finding): string {
  return `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.message}`;
}

/** Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR; lone surrogates). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text content. */
function text(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (line breaks kept as character references so parsers keep them). */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
