/** Core finding types shared by the CLI and the language server; LSP-compatible by shape, free of LSP imports. */

/** A zero-based line and UTF-16 character offset, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open text range between two positions. */
export interface Range {
  start: Position;
  end: Position;
}

/** How bad a finding is; `off` exists only in configuration and never on a finding. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One replacement of a range by new text. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A mechanical fix a client can apply (a quick fix in the editor). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Whether this fix is the obvious one to apply (LSP isPreferred). */
  preferred?: boolean;
}

/** A problem found in a card, located at an exact range. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  /** Link to the documentation page of the code, when it has one. */
  href?: string;
  /** Marks findings that say something is unnecessary (rendered faded) or deprecated. */
  tags?: ('unnecessary' | 'deprecated')[];
  /** On the closing `findings-not-shown` finding: how many of each severity it stands for. */
  hidden?: Record<Severity, number>;
}

/** How many findings of a severity a list stands for, counting those a closing finding hides. */
export function countSeverity(findings: readonly Finding[], severity: Severity): number {
  return findings.reduce((n, f) => n + (f.hidden ? f.hidden[severity] : f.severity === severity ? 1 : 0), 0);
}

/** Orders findings by position, then by code, so every output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code)
  );
}

/**
 * Most findings reported for one card. A hostile or generated file can hold hundreds of thousands
 * of problems; past this many nobody reads them, and building them all once cost a gigabyte and
 * many seconds. The rest are counted in one closing finding.
 */
export const MAX_FINDINGS = 500;

/** How many findings of each severity a pass counted without building them (past the cap). */
export type Omitted = Record<Severity, number>;

/** An empty count of omitted findings. */
export function noneOmitted(): Omitted {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/**
 * Keeps the first `max` of findings ordered by position and closes the list with one finding that
 * counts the rest (and those a pass only counted). That finding carries the worst severity among
 * them, so a card whose hidden findings include errors still fails `check`.
 */
export function capFindings(sorted: readonly Finding[], omitted: Omitted = noneOmitted(), max = MAX_FINDINGS): Finding[] {
  const hidden = { ...omitted };
  for (const f of sorted.slice(max)) hidden[f.severity]++;
  const count = SEVERITY_ORDER.reduce((n, s) => n + hidden[s], 0);
  if (count === 0) return [...sorted];
  const kept = sorted.slice(0, max);
  const worst = SEVERITY_ORDER.find((s) => hidden[s] > 0) ?? 'error';
  const parts = SEVERITY_ORDER.filter((s) => hidden[s] > 0).map((s) => `${hidden[s].toLocaleString('en-US')} ${s}${hidden[s] === 1 || s === 'info' ? '' : 's'}`);
  const at = kept[kept.length - 1]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  kept.push({
    code: 'findings-not-shown', severity: worst, range: { start: at.start, end: at.start }, hidden,
    message: `${count.toLocaleString('en-US')} more findings not shown (${parts.join(', ')}). A card shows at most ${max.toLocaleString('en-US')} so that the editor and CI stay responsive; fix the ones above (often one mistake repeated) and the rest appear.`,
  });
  return kept;
}
