/**
 * Messages between the language server and its gate worker thread. Everything crossing the thread
 * boundary is plain data (structured clone): the card text goes in, a run record comes back.
 */
import type { GateId, GateStatus } from '../../gates/engine/types';
import type { SeveritySetting } from '../../config/project-config';
import type { RunRecord } from '../../records';

/** Asks the worker to run gates of a card. */
export interface RunMessage {
  type: 'run';
  /** The card text to run (the open document's, possibly unsaved). */
  text: string;
  cardFile: string;
  root: string;
  gates?: GateId[];
  /** Whether to write the run record next to the card. */
  record: boolean;
  /** Prometheus base URL from the user's settings; the worker falls back to its environment. */
  prometheusUrl?: string;
  /** Rule severities in effect for the card (project file, then editor settings), for the verdict. */
  severities?: Record<string, SeveritySetting>;
}

/** Asks the worker to abort the engine's signal. */
export interface CancelMessage {
  type: 'cancel';
}

/** What the server sends to the worker. */
export type ToWorker = RunMessage | CancelMessage;

/** What the worker sends back: progress per gate, then exactly one `done` or `failed`. */
export type FromWorker =
  | { type: 'progress'; gate: GateId; phase: 'start' }
  | { type: 'progress'; gate: GateId; phase: 'done'; status: GateStatus }
  | { type: 'file'; path: string; bytesRead: number; totalBytes: number }
  | { type: 'log'; message: string }
  | { type: 'done'; record: RunRecord; recordPath: string | null; cancelled: boolean; recordError?: string }
  | { type: 'failed'; reason: string };

/**
 * Test-only hook: when this variable names a gate, the worker replaces that gate's computation by
 * one that waits for cancellation (`<gate>` honours the abort signal, `<gate>:stuck` ignores it), so
 * tests can observe a run in flight without sleeping. Only the LSP tests set it.
 */
export const TEST_HOLD_GATE_ENV = 'RELEASE_GATES_TEST_HOLD_GATE';
