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

/** Validates documents on demand and publishes the result for the version it was computed on. */
export class DiagnosticsScheduler {
  /** Documents with a validation wanted and not yet started. */
  private readonly wanted = new Set<string>();
  /** Documents whose validation loop runs. */
  private readonly running = new Set<string>();
  /** Documents with a validation between its first step and its publication. */
  private readonly inFlight = new Set<string>();
  private readonly dropped = new Map<string, number>();

  constructor(private readonly host: SchedulerHost) {}

  /** Schedules validation of the latest text of a document, superseding any validation in flight. */
  schedule(uri: string): void {
    this.wanted.add(uri);
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
    this.host.publish(uri, undefined, []);
  }

  /** Validates until no newer version is wanted; each pass starts on a fresh turn of the loop. */
  private async loop(uri: string): Promise<void> {
    while (this.wanted.has(uri)) {
      // Edits of one burst arrive in the same turn; waiting one turn validates only the last.
      await nextTurn();
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

  /** One validation of one version: publishes it, or drops it when a newer version arrives. */
  private async validate(uri: string, doc: TextDocument, version: number): Promise<void> {
    const start = process.hrtime.bigint();
    // The documents collection updates a document in place, so its version tells edits apart.
    const steps = this.host.validate(doc);
    for (;;) {
      const step = steps.next();
      if (step.done) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        this.inFlight.delete(uri);
        this.host.publish(uri, version, step.value);
        this.host.onPublished?.({ uri, version, diagnostics: step.value, ms, dropped: this.dropped.get(uri) ?? 0 });
        this.dropped.delete(uri);
        return;
      }
      await nextTurn();
      if (this.host.current(uri)?.version !== version || this.wanted.has(uri)) {
        steps.return?.();
        if (this.host.current(uri)) this.dropped.set(uri, (this.dropped.get(uri) ?? 0) + 1);
        return;
      }
    }
  }
}
