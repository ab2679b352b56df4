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
}

/** Orders findings by position, then by code, so every output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code)
  );
}
