/**
 * Runs gates off the server's thread: one Worker per run, so a run can always be stopped by
 * terminating its thread even when a gate ignores the abort signal, and runs of different cards
 * never wait for each other. Cancellation first asks the engine to stop (its AbortSignal) and
 * terminates the thread if it has not answered within a grace period.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SeveritySetting } from '../../config/project-config';
import type { GateId, GateStatus } from '../../gates/engine/types';
import type { RunRecord } from '../../records';
import type { FromWorker, RunMessage } from './messages';

/** The bundled worker beside the bundled server (`dist/run-worker.js`). */
export const WORKER_FILE = path.join(__dirname, 'run-worker.js');

/** How long a cancelled run may take to stop on its own before its thread is terminated. */
export const CANCEL_GRACE_MS = 1500;

/**
 * The V8 heap a gate run may use (documented in docs/editor.md). Evidence tables live in typed
 * arrays outside this heap and are held to their own budgets by the loaders; the limit keeps a
 * runaway run from taking the language server down with it: the run fails, the server answers on.
 */
export const RUN_WORKER_HEAP_MIB = 2048;

/** What one run needs. */
export interface RunRequest {
  text: string;
  cardFile: string;
  root: string;
  gates?: GateId[];
  record?: boolean;
  /** Prometheus base URL from the user's settings. */
  prometheusUrl?: string;
  /** Rule severities in effect for the card, so the run's verdict weighs the findings the editor shows. */
  severities?: Record<string, SeveritySetting>;
  onGate?: (gate: GateId, phase: 'start' | 'done', status?: GateStatus) => void;
  /** A large evidence file being read (the engine reports files of 8 MiB and more). */
  onFile?: (path: string, bytesRead: number, totalBytes: number) => void;
  log?: (message: string) => void;
}

/** How a run ended. */
export type RunOutcome =
  | { kind: 'done'; record: RunRecord; recordPath: string | null; recordError?: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; reason: string };

/** A run in flight: its outcome, and a way to stop it. */
export interface RunHandle {
  outcome: Promise<RunOutcome>;
  cancel(): void;
}

/** Why a run's thread died: out of its memory limit (said plainly), or a crash with its stack. */
function crashReason(err: Error & { code?: string }, heapMib: number): string {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `the gate run used up its ${heapMib} MiB memory limit and was stopped, so no gate has a result. Evidence that needs this much memory is unusually large or crafted; keep only the rows and columns the gates read, or run \`release-gates run\` in a terminal`;
  }
  return `the gate worker crashed: ${err.stack ?? err.message}`;
}

/** Starts runs in worker threads. */
export class RunManager {
  constructor(private readonly workerFile: string = WORKER_FILE, private readonly graceMs = CANCEL_GRACE_MS, private readonly heapMib = RUN_WORKER_HEAP_MIB) {}

  /** Starts a run; the handle's outcome never rejects. */
  start(req: RunRequest): RunHandle {
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: this.heapMib } });
    let settle: (o: RunOutcome) => void = () => undefined;
    let settled = false;
    let cancelled = false;
    const outcome = new Promise<RunOutcome>((resolve) => {
      settle = (o) => {
        if (settled) return;
        settled = true;
        resolve(o);
        void worker.terminate();
      };
    });
    worker.on('message', (m: FromWorker) => this.onMessage(m, req, settle));
    worker.on('error', (err) => settle({ kind: 'failed', reason: crashReason(err, this.heapMib) }));
    worker.on('exit', () => settle(cancelled ? { kind: 'cancelled' } : { kind: 'failed', reason: 'the gate worker stopped before the run finished' }));
    const message: RunMessage = {
      type: 'run', text: req.text, cardFile: req.cardFile, root: req.root, record: req.record ?? true,
      ...(req.gates ? { gates: req.gates } : {}), ...(req.prometheusUrl ? { prometheusUrl: req.prometheusUrl } : {}),
      ...(req.severities ? { severities: req.severities } : {}),
    };
    worker.postMessage(message);
    return {
      outcome,
      cancel: () => {
        if (settled || cancelled) return;
        cancelled = true;
        worker.postMessage({ type: 'cancel' });
        // A gate that ignores the signal must not hold the run forever: end its thread.
        const timer = setTimeout(() => settle({ kind: 'cancelled' }), this.graceMs);
        void outcome.then(() => clearTimeout(timer));
      },
    };
  }

  /** Routes one worker message. */
  private onMessage(m: FromWorker, req: RunRequest, settle: (o: RunOutcome) => void): void {
    switch (m.type) {
      case 'progress':
        req.onGate?.(m.gate, m.phase, m.phase === 'done' ? m.status : undefined);
        return;
      case 'file':
        req.onFile?.(m.path, m.bytesRead, m.totalBytes);
        return;
      case 'log':
        req.log?.(m.message);
        return;
      case 'done':
        settle(m.cancelled ? { kind: 'cancelled' } : { kind: 'done', record: m.record, recordPath: m.recordPath, ...(m.recordError ? { recordError: m.recordError } : {}) });
        return;
      case 'failed':
        settle({ kind: 'failed', reason: m.reason });
    }
  }
}
