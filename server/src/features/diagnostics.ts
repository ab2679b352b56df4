/**
 * Publishes diagnostics without a fixed debounce: each change schedules one validation on the next
 * turn of the event loop, and a newer change to the same document replaces the pending one, so a
 * burst of edits costs one validation of the latest text and no stale version is ever published.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Validates documents on demand and publishes the result for the version it was computed on. */
export class DiagnosticsScheduler {
  private readonly pending = new Map<string, NodeJS.Immediate>();

  constructor(
    private readonly current: (uri: string) => TextDocument | undefined,
    private readonly compute: (doc: TextDocument) => Diagnostic[],
    private readonly publish: (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => void,
  ) {}

  /** Schedules validation of the latest text of a document, superseding any pending run. */
  schedule(uri: string): void {
    const previous = this.pending.get(uri);
    if (previous) clearImmediate(previous);
    this.pending.set(uri, setImmediate(() => this.run(uri)));
  }

  /** Drops pending work for a closed document and clears its diagnostics. */
  forget(uri: string): void {
    const previous = this.pending.get(uri);
    if (previous) clearImmediate(previous);
    this.pending.delete(uri);
    this.publish(uri, undefined, []);
  }

  private run(uri: string): void {
    this.pending.delete(uri);
    const doc = this.current(uri);
    if (!doc) return;
    this.publish(uri, doc.version, this.compute(doc));
  }
}
