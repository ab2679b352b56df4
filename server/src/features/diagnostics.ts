/**
 * Publishes diagnostics without blocking requests. A validation is a sequence of steps (parse,
 * schema, rules, run results); between steps the scheduler yields to the event loop, so hover,
 * completion and the rest are answered in between, and it drops the validation as soon as a newer
 * version of the document arrives. A burst of edits therefore costs at most one step of a stale
 * version and one validation of the latest text, and no stale version is ever published.
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

/** Validates documents on demand and publishes the result for the version it was computed on. */
export class DiagnosticsScheduler {
  /** Documents with a validation wanted and not yet started. */
  private readonly wanted = new Set<string>();
  /** Documents whose validation loop runs. */
  private readonly running = new Set<string>();
  /** Documents with a validation between its first step and its publication. */
  private readonly inFlight = new Set<string>();
  private readonly dropped = new Map<string, number>();
  /** How many times each document was scheduled, to notice a newer version between turns. */
  private readonly stamps = new Map<string, number>();
  /** When each document was last scheduled (performance.now()). */
  private readonly scheduledAt = new Map<string, number>();
  /** The first step (the parse) of each document's last validation, in milliseconds. */
  private readonly stepMs = new Map<string, number>();

  constructor(private readonly host: SchedulerHost) {}

  /** Schedules validation of the latest text of a document; a validation of an older version in flight is dropped. */
  schedule(uri: string): void {
    this.wanted.add(uri);
    this.stamps.set(uri, (this.stamps.get(uri) ?? 0) + 1);
    this.scheduledAt.set(uri, performance.now());
    if (this.running.has(uri)) return;
    this.running.add(uri);
    void this.loop(uri).finally(() => this.running.delete(uri));
  }

  /** True while a validation of the document is wanted or in flight (its last model may be older). */
  busy(uri: string): boolean {
    return this.wanted.has(uri) || this.inFlight.has(uri);
  }

  /** Drops pending work for a closed document and clears its diagnostics. */
  forget(uri: string): void {
    this.wanted.delete(uri);
    this.dropped.delete(uri);
    this.stamps.delete(uri);
    this.scheduledAt.delete(uri);
    this.stepMs.delete(uri);
    this.host.publish(uri, undefined, []);
  }

  /** Validates until no newer version is wanted; each pass starts once the edits have settled. */
  private async loop(uri: string): Promise<void> {
    while (this.wanted.has(uri)) {
      await this.settle(uri);
      const doc = this.host.current(uri);
      if (!doc) {
        this.wanted.delete(uri);
        return;
      }
      const version = doc.version;
      this.inFlight.add(uri);
      this.wanted.delete(uri);
      try {
        await this.validate(uri, doc, version);
      } catch (err) {
        this.inFlight.delete(uri);
        this.host.onError(uri, err);
        if (this.host.current(uri)?.version === version) this.host.publish(uri, version, []);
      }
      this.inFlight.delete(uri);
    }
  }

  /**
   * Resolves once the edits have settled: QUIET_TURNS turns in a row brought no new schedule, and,
   * for a document of QUIET_PERIOD_BYTES or more, no edit came for as long as its last parse took
   * (at most MAX_QUIET_MS). A parse cannot be interrupted, so starting one on a large card while
   * edits keep coming only delays them and is dropped anyway. A small card starts at once, so
   * each edit is validated on its own, in order with the results of other work.
   */
  private async settle(uri: string): Promise<void> {
    for (;;) {
      for (let quiet = 0; quiet < QUIET_TURNS;) {
        const before = this.stamps.get(uri);
        await nextTurn();
        quiet = this.stamps.get(uri) === before ? quiet + 1 : 0;
      }
      const large = (this.host.current(uri)?.getText().length ?? 0) >= QUIET_PERIOD_BYTES;
      const quietFor = performance.now() - (this.scheduledAt.get(uri) ?? 0);
      const wait = large ? Math.min(MAX_QUIET_MS, this.stepMs.get(uri) ?? 0) - quietFor : 0;
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  /** One validation of one version: publishes it, or drops it when a newer version arrives. */
  private async validate(uri: string, doc: TextDocument, version: number): Promise<void> {
    const start = process.hrtime.bigint();
    // The documents collection updates a document in place, so its version tells edits apart.
    const steps = this.host.validate(doc);
    for (let first = true; ; first = false) {
      const stepStart = performance.now();
      const step = steps.next();
      // The first step reads and parses the card, the cost that grows with its size.
      if (first) this.stepMs.set(uri, performance.now() - stepStart);
      if (step.done) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        this.inFlight.delete(uri);
        this.host.publish(uri, version, step.value);
        this.host.onPublished?.({ uri, version, diagnostics: step.value, ms, dropped: this.dropped.get(uri) ?? 0 });
        this.dropped.delete(uri);
        return;
      }
      await nextTurn();
      // A newer version drops this one. A new request for the same version (new run results or
      // settings) lets it finish and publish, and validates again right after.
      if (this.host.current(uri)?.version !== version) {
        steps.return?.();
        if (this.host.current(uri)) this.dropped.set(uri, (this.dropped.get(uri) ?? 0) + 1);
        return;
      }
    }
  }
}
