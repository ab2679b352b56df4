/**
 * Memory budgets of evidence loads.
 *
 * A sound evidence file needs memory in proportion to its size: a CSV cell costs at least one byte
 * of text and at most 8 bytes of column, a JSON value at least one byte and a few dozen bytes once
 * parsed. Some files claim or grow far more than their size can hold: a Parquet footer that claims
 * a billion rows, a run length that repeats one value a billion times, a line that never ends,
 * JSON Lines rows that each add a new column. So every load gets a budget derived from the file's
 * real size, and anything the file claims is checked against it before memory is allocated for
 * it; going over is a `too-large` problem, never a crash or a run that eats the machine.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { type EvidenceProblem, problem } from './types';

/** One mebibyte. */
export const MIB = 1024 * 1024;

/**
 * Memory a load may use per byte of its file: 16. A one-byte CSV cell with its delimiter becomes
 * 8 bytes of column, and a column can briefly exist twice while it is trimmed.
 */
export const MEMORY_BYTES_PER_FILE_BYTE = 16;

/** The smallest budget, 256 MiB, so that small files that compress well (Parquet) still load. */
export const MIN_MEMORY_BUDGET_BYTES = 256 * MIB;

/**
 * Longest line read by default, 32 MiB: no evidence row is that long, so such a line is a missing
 * line break or a quote that is never closed, and holding it would cost memory for nothing.
 */
export const DEFAULT_MAX_LINE_BYTES = 32 * MIB;

/** Heap an evidence worker gets beyond its load's budget (the loader's own code and parser state): 128 MiB. */
export const WORKER_BASE_HEAP_MIB = 128;

/** Formats a byte count for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * MIB) return `${(n / (1024 * MIB)).toFixed(1)} GiB`;
  if (n >= MIB) return `${(n / MIB).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** Formats a count for messages, with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The memory budget of a load of a file of `fileBytes`: the configured one, else 16 × the size, at least 256 MiB. */
export function memoryBudget(options: { maxMemoryBytes?: number }, fileBytes: number): number {
  return options.maxMemoryBytes ?? Math.max(MIN_MEMORY_BUDGET_BYTES, MEMORY_BYTES_PER_FILE_BYTE * fileBytes);
}

/** The longest line a load reads. */
export function maxLineBytes(options: { maxLineBytes?: number }): number {
  return options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
}

/** The problem for a load that would need more than its budget; `what` says what needs it. */
export function overBudget(file: string, what: string, needed: number, budget: number): EvidenceProblem {
  return problem('too-large', file, `${file}: ${what} would need about ${formatBytes(needed)} of memory, more than the ${formatBytes(budget)} budget of this load (by default ${MEMORY_BYTES_PER_FILE_BYTE} times the file's size, at least ${formatBytes(MIN_MEMORY_BUDGET_BYTES)}), so it was not loaded and the gate has no result. A file that claims more than it holds is corrupt or crafted; otherwise keep only the rows and columns the gate reads, or split the evidence.`);
}

/** The problem for a line longer than the limit; `line` is where it starts, `quoted` when it ends inside an open quote. */
export function lineTooLong(file: string, line: number, limit: number, quoted = false): EvidenceProblem {
  const look = quoted ? 'a quote opened on that line that is never closed' : 'a missing line break';
  return problem('too-large', file, `${file}: line ${line} is longer than ${formatBytes(limit)}, so the file was not read further and the gate has no result. No evidence row is that long: look for ${look}, and regenerate the file.`, { line });
}

/**
 * Resource limits of a worker that loads a file with the given budget: a V8 heap of the budget
 * plus 128 MiB, never more than this process's own heap limit. Typed-array columns live outside
 * the heap and are held to the budget by the loaders themselves.
 */
export function workerResourceLimits(budget: number): ResourceLimits {
  const ownLimitMib = Math.floor(getHeapStatistics().heap_size_limit / MIB);
  return { maxOldGenerationSizeMb: Math.min(ownLimitMib, Math.ceil(budget / MIB) + WORKER_BASE_HEAP_MIB) };
}
