/**
 * Loads large tables in worker threads so that several files are parsed in parallel (the data gate
 * reads a reference and a current slice that are often 100 MB each). A load is the same
 * `loadTable` call as on the main thread, with the same problems; only where it runs differs.
 * Cancellation terminates the worker; a worker that dies gives an `io` problem, never a crash.
 *
 * Each worker runs with a V8 heap limit derived from its file's memory budget (see
 * `workerResourceLimits`), so a load that grows past everything the loaders check is stopped by
 * V8 and reported as a `too-large` problem, instead of taking the whole process with it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { memoryBudget, workerResourceLimits } from './budget';
import type { LoadTableOptions } from './load-table';
import type { Table } from './table';
import { type EvidenceProblem, type EvidenceResult, problem } from './types';
import { cancelled } from './reader';
import type { FileHash } from './hash';

/** What the main thread sends: the file and the serialisable part of the load options. */
export interface ToEvidenceWorker {
  file: string;
  options: Omit<LoadTableOptions, 'signal' | 'onProgress' | 'tap'>;
  progress: boolean;
}

/** What the worker sends back: progress while reading, then the table (or its problems) and the file's hash. */
export type FromEvidenceWorker =
  | { type: 'progress'; bytesRead: number; totalBytes: number }
  | { type: 'done'; result: EvidenceResult<Table>; hash?: FileHash };

/** A table load's outcome with the hash of the bytes it read, when it read the whole file. */
export interface ThreadedLoad {
  result: EvidenceResult<Table>;
  hash?: FileHash;
}

/** How to start the worker: the bundled file beside this one, or the TypeScript source under tsx. */
export type WorkerEntry = { file: string; evalCode?: string };

/**
 * The bundle ships `evidence-worker.js` beside the server, CLI and run worker. Tests and benchmarks
 * run the sources through tsx, where the worker is `worker.ts` beside this file and needs tsx's loader itself.
 */
function workerEntry(): WorkerEntry | undefined {
  const js = path.join(__dirname, 'evidence-worker.js');
  if (existsSync(js)) return { file: js };
  const ts = path.join(__dirname, 'worker.ts');
  if (existsSync(ts)) return { file: ts, evalCode: `require('tsx/cjs'); require(${JSON.stringify(ts)});` };
  return undefined;
}

/** The worker entry of this installation, looked up on first use (not at start-up) and kept. */
let lookedUp: { entry: WorkerEntry | undefined } | undefined;
function entry(): WorkerEntry | undefined {
  lookedUp ??= { entry: workerEntry() };
  return lookedUp.entry;
}

/** True when a worker can be started in this installation. */
export function threadsAvailable(): boolean {
  return entry() !== undefined;
}

/** Runs at most `limit` tasks at a time (the machine's cores), in the order they were queued. */
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number = Math.max(1, availableParallelism())) {}

  /** Runs `task` when a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Loads one table of `fileBytes` in a worker thread, with the heap limit of its memory budget;
 * the options' signal and progress callback work as in `loadTable`.
 */
export function loadTableInThread(file: string, options: LoadTableOptions, fileBytes: number): Promise<ThreadedLoad> {
  const name = options.displayName ?? file;
  const at = entry();
  if (!at) return Promise.resolve({ result: { ok: false, problems: [problem('io', name, `Evidence file '${name}' could not be loaded: the evidence worker is missing from this installation. Reinstall Release Gates.`)] } });
  const { signal, onProgress, tap: _tap, ...rest } = options;
  const message: ToEvidenceWorker = { file, options: rest, progress: onProgress !== undefined };
  return runLoader(at, message, workerResourceLimits(memoryBudget(options, fileBytes)), name, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
}

/** The problem for a worker that V8 stopped at its heap limit. */
function outOfMemory(name: string, limits: ResourceLimits): EvidenceProblem {
  return problem('too-large', name, `Evidence file '${name}' could not be loaded: its loader used up the ${limits.maxOldGenerationSizeMb} MiB of memory a load of this file may use and was stopped, so the gate has no result. The file holds or claims far more than its size suggests; check how it was produced, keep only the rows and columns the gate reads, or split it.`);
}

/**
 * Runs one load in a worker started from `at` with `limits` (the seam tests use to start a worker
 * of their own); a worker that fails, exits or runs out of memory gives a problem, never a crash.
 */
export function runLoader(at: WorkerEntry, message: ToEvidenceWorker, limits: ResourceLimits, name: string, hooks: { signal?: AbortSignal; onProgress?: (bytesRead: number, totalBytes: number) => void }): Promise<ThreadedLoad> {
  const { signal, onProgress } = hooks;
  if (signal?.aborted) return Promise.resolve({ result: { ok: false, problems: [cancelled(name)] } });
  return new Promise<ThreadedLoad>((resolve) => {
    const worker = at.evalCode ? new Worker(at.evalCode, { eval: true, resourceLimits: limits }) : new Worker(at.file, { resourceLimits: limits });
    let settled = false;
    const settle = (out: ThreadedLoad): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
      resolve(out);
    };
    const failed = (why: string): ThreadedLoad => ({ result: { ok: false, problems: [problem('io', name, `Evidence file '${name}' could not be loaded: ${why}. The gate has no result; run it again, and report the problem if it persists.`)] } });
    const abort = (): void => settle({ result: { ok: false, problems: [cancelled(name)] } });
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (m: FromEvidenceWorker) => {
      if (m.type === 'progress') onProgress?.(m.bytesRead, m.totalBytes);
      else settle(m.hash ? { result: m.result, hash: m.hash } : { result: m.result });
    });
    worker.on('error', (err: NodeJS.ErrnoException) => {
      settle(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { result: { ok: false, problems: [outOfMemory(name, limits)] } } : failed(`the loader failed (${err.message})`));
    });
    worker.on('exit', (code) => settle(failed(`the loader stopped (exit code ${code})`)));
    try {
      worker.postMessage(message);
    } catch (err) {
      settle(failed(`its options could not be sent to the loader (${(err as Error).message})`));
    }
  });
}
