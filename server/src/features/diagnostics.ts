/**
 * Publishes diagnostics without blocking requests. A validation is a sequence of steps (parse,
 * schema, rules, run results); between steps the scheduler yields to the event loop, so hover,
 * completion and the rest are answered in between, and it drops the validation as soon as a newer
 * version of the document arrives. A validation starts only once the edits have settled, so a
 * burst of edits costs one validation of the latest text, and no stale version is ever published.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** One validation: steps to drive to completion; its return value is the diagnostics. */
export type ValidationSteps = Iterator<void, Diagnostic[], void>;

/** How one validation ended, for the log line. */
export interface ValidationReport {
  uri: string;
  version: number;
  diagnostics: readonly Diagnostic[];
  /** Wall time from the first step to publishing, in milliseconds. */
  ms: number;
  /** Validations of this document dropped for a newer version since the last one published. */
  dropped: number;
}

/** What the scheduler needs from the server. */
export interface SchedulerHost {
  current(uri: string): TextDocument | undefined;
  /** Starts a validation of a document's current text. */
  validate(doc: TextDocument): ValidationSteps;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** A validation threw (a bug): it is logged, and the document's diagnostics are cleared. */
  onError(uri: string, err: unknown): void;
  onPublished?(report: ValidationReport): void;
}

/** Lets other callbacks run: setImmediate runs after the I/O callbacks that deliver requests. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Turns of the event loop without a new version before a validation starts. The JSON-RPC layer
 * dispatches one queued message per turn, so during a burst a change arrives almost every turn
 * (a request may sit between two); starting at the first quiet turn would parse once per edit.
 * A single edit waits only these few turns, microseconds.
 */
export const QUIET_TURNS = 3;

/** The longest quiet period a validation waits for; see `settle`. */
export const MAX_QUIET_MS = 100;

/** Documents at least this long wait for a quiet period; smaller ones parse in a millisecond or two. */
export const QUIET_PERIOD_BYTES = 64 * 1024;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What the scheduler knows about one document. */
interface DocState {
  /** A validation is wanted and not yet started. */
  wanted: boolean;
  /** A validation is between its first step and its publication. */
  inFlight: boolean;
  /** Times the document was scheduled, to notice a newer version between turns. */
  stamp: number;
  /** When it was last scheduled (performance.now()). */
  scheduledAt: number;
  /** How long the first step (the parse) of its last validation took, in milliseconds. */
  parseMs: number;
  /** Validations dropped for a newer version since the last one published. */
  dropped: number;
}

/** Validates documents on demand and publishes the result for the version it was computed on. */
export class DiagnosticsScheduler {
  private readonly docs = new Map<string, DocState>();
  /** Documents whose validation loop runs (at most one loop per document). */
  private readonly running = new Set<string>();

  constructor(private readonly host: SchedulerHost) {}

  /** Schedules validation of the latest text of a document; a validation of an older version in flight is dropped. */
  schedule(uri: string): void {
    const state = this.state(uri);
    state.wanted = true;
    state.stamp++;
    state.scheduledAt = performance.now();
    if (this.running.has(uri)) return;
    this.running.add(uri);
    void this.loop(uri).finally(() => this.running.delete(uri));
  }

  /** True while a validation of the document is wanted or in flight (its last model may be older). */
  busy(uri: string): boolean {
    const state = this.docs.get(uri);
    return state !== undefined && (state.wanted || state.inFlight);
  }

  /** Drops pending work for a closed document and clears its diagnostics. */
  forget(uri: string): void {
    const state = this.docs.get(uri);
    if (state) state.wanted = false;
    this.docs.delete(uri);
    this.host.publish(uri, undefined, []);
  }

  private state(uri: string): DocState {
    let state = this.docs.get(uri);
    if (!state) {
      state = { wanted: false, inFlight: false, stamp: 0, scheduledAt: 0, parseMs: 0, dropped: 0 };
      this.docs.set(uri, state);
    }
    return state;
  }

  /**
   * Validates until no newer version is wanted; each pass starts once the edits have settled. The
   * state is read afresh each time: a document closed and opened again has a new one.
   */
  private async loop(uri: string): Promise<void> {
    for (;;) {
      const waiting = this.docs.get(uri);
      if (!waiting?.wanted) return;
      await this.settle(uri, waiting);
      const state = this.docs.get(uri);
      const doc = this.host.current(uri);
      if (!state?.wanted) return;
      state.wanted = false;
      if (!doc) return;
      const version = doc.version;
      state.inFlight = true;
      try {
        await this.validate(uri, doc, version, state);
      } catch (err) {
        this.host.onError(uri, err);
        if (this.host.current(uri) === doc && doc.version === version) this.host.publish(uri, version, []);
      } finally {
        state.inFlight = false;
      }
    }
  }

  /**
   * Resolves once the edits have settled: QUIET_TURNS turns in a row brought no new schedule, and,
   * for a document of QUIET_PERIOD_BYTES or more, no edit came for as long as its last parse took
   * (at most MAX_QUIET_MS). A parse cannot be interrupted, so starting one on a large card while
   * edits keep coming only delays them and is dropped anyway. A small card starts at once, so
   * each edit is validated on its own, in order with the results of other work.
   */
  private async settle(uri: string, state: DocState): Promise<void> {
    for (;;) {
      for (let quiet = 0; quiet < QUIET_TURNS;) {
        const before = state.stamp;
        await nextTurn();
        quiet = state.stamp === before ? quiet + 1 : 0;
      }
      const large = (this.host.current(uri)?.getText().length ?? 0) >= QUIET_PERIOD_BYTES;
      const wait = large ? Math.min(MAX_QUIET_MS, state.parseMs) - (performance.now() - state.scheduledAt) : 0;
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  /** One validation of one version: publishes it, or drops it when a newer version arrives. */
  private async validate(uri: string, doc: TextDocument, version: number, state: DocState): Promise<void> {
    const start = performance.now();
    // The documents collection updates a document in place, so its version tells edits apart.
    const steps = this.host.validate(doc);
    for (let first = true; ; first = false) {
      const stepStart = performance.now();
      const step = steps.next();
      // The first step reads and parses the card, the cost that grows with its size.
      if (first) state.parseMs = performance.now() - stepStart;
      if (step.done) {
        state.inFlight = false;
        this.host.publish(uri, version, step.value);
        this.host.onPublished?.({ uri, version, diagnostics: step.value, ms: performance.now() - start, dropped: state.dropped });
        state.dropped = 0;
        return;
      }
      await nextTurn();
      // A newer version (or a document closed, or opened again) drops this one. A new request for
      // the same version (new run results or settings) lets it finish, and validates again after.
      const now = this.host.current(uri);
      if (now !== doc || now.version !== version) {
        steps.return?.();
        if (now) state.dropped++;
        return;
      }
    }
  }
}
