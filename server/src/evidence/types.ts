/**
 * Shared result and problem types for evidence loaders.
 *
 * Loaders never throw on user data: everything wrong with an evidence file is returned as an
 * `EvidenceProblem`, and gates turn those into an `error` result that blocks the release. An
 * exception escaping a loader is a bug in the loader, not a property of the evidence.
 */

/** Machine-readable kind of an evidence problem, so gates and rules can react without parsing text. */
export type ProblemCode =
  | 'path'
  | 'not-found'
  | 'io'
  | 'empty'
  | 'too-large'
  | 'too-small'
  | 'parse'
  | 'shape'
  | 'type'
  | 'cancelled'
  | 'truncated'
  | 'corrupt';

/** One thing wrong with an evidence file, located as precisely as the format allows (1-based). */
export interface EvidenceProblem {
  /** The evidence path as the card wrote it (or the resolved path when no card path is known). */
  file: string;
  /** What is wrong, why it matters for the release, and what to do. */
  message: string;
  /** 1-based physical line in the file. */
  line?: number;
  /** 1-based data row (header excluded for CSV). */
  row?: number;
  /** Column name the problem is about. */
  column?: string;
  /** Kind of problem; optional so callers may build their own problems with the brief's shape. */
  code?: ProblemCode;
}

/** The outcome of loading evidence: a value, or the problems that prevented one. */
export type EvidenceResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly EvidenceProblem[] };

/** Wraps a successfully loaded value. */
export function ok<T>(value: T): EvidenceResult<T> {
  return { ok: true, value };
}

/** Wraps one or more problems as a failed result. */
export function fail<T>(problems: EvidenceProblem | readonly EvidenceProblem[]): EvidenceResult<T> {
  return { ok: false, problems: Array.isArray(problems) ? problems : [problems as EvidenceProblem] };
}

/** Builds a problem; `where` carries the optional location fields. */
export function problem(
  code: ProblemCode,
  file: string,
  message: string,
  where: { line?: number; row?: number; column?: string } = {},
): EvidenceProblem {
  return { file, message, code, ...where };
}

/** Formats a problem as `file:line: message` for logs and the CLI. */
export function formatProblem(p: EvidenceProblem): string {
  const at = p.line !== undefined ? `:${p.line}` : '';
  return `${p.file}${at}: ${p.message}`;
}

/** Options every file-reading loader accepts. */
export interface ReadOptions {
  /** Largest file accepted, in bytes; larger files give a `too-large` problem before reading. */
  maxBytes?: number;
  /** Called after each chunk with bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Checked between chunks; an aborted load ends with a `cancelled` problem. */
  signal?: AbortSignal;
  /** Name used in problems instead of the absolute path (normally the path as the card wrote it). */
  displayName?: string;
  /** Sees the bytes of a sequential read in order, so the file can be hashed in the same pass. */
  tap?: ByteTap;
  /**
   * Most memory the load may use, in bytes; anything a file claims or grows to beyond it is a
   * `too-large` problem before it is allocated. Default: see `memoryBudget` in budget.ts.
   */
  maxMemoryBytes?: number;
  /** Longest line (a CSV record, a JSON Lines line) read, in bytes (default 32 MiB). */
  maxLineBytes?: number;
}

/** Observer of a sequential read: every chunk in file order, then `end` once the whole file was read. */
export interface ByteTap {
  update(chunk: Buffer): void;
  end(): void;
}

/** Default size guard for tabular evidence: 2 GiB keeps a runaway file from exhausting memory. */
export const DEFAULT_MAX_TABLE_BYTES = 2 * 1024 * 1024 * 1024;

/** Default size guard for a JSON table, which must be held and parsed whole: 256 MiB. */
export const DEFAULT_MAX_JSON_TABLE_BYTES = 256 * 1024 * 1024;

/** Default size guard for structured documents (records, rules, traces): 16 MiB, since a YAML syntax tree costs many times the text. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
