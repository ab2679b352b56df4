/**
 * Keeps each open card's stored results in step with the world outside the run: the record on
 * disk when a card is opened (results survive a restart) or rewritten by a run in a terminal,
 * evidence regenerated on disk, and edits that change the bundle. Each turns the results fresh or
 * stale against the card as it is now.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readRecord, staleReason } from '../../records';
import { uriPath } from '../documents';
import { cardOf } from '../symbols/cache';
import { Coalescer } from './coalesce';
import { FingerprintCache } from './fingerprint';
import type { ResultsStore } from './results-store';
import { planFor } from './watch';

/** What the sync needs from the run features. */
export interface RecordSyncHost {
  documents: TextDocuments<TextDocument>;
  store: ResultsStore;
  isCard(uri: string): boolean;
  trusted(): boolean;
  /** True while a run of the card is in flight (it writes the record itself). */
  running(uri: string): boolean;
  /** The project root of a card file. */
  rootOf(file: string): string;
  log(message: string): void;
}

/** Loads records and marks results stale or fresh. */
export class RecordSync {
  private readonly fingerprints = new FingerprintCache();
  private readonly staleness: Coalescer;

  constructor(private readonly host: RecordSyncHost) {
    this.staleness = new Coalescer((uri) => this.stalenessNow(uri), (err) => host.log(`[staleness] ${(err as Error)?.stack ?? String(err)}`));
  }

  /**
   * Reads a card's run record into the store: when the card has no results yet, or with `replace`
   * when the record on disk is another run's (a run in a terminal).
   */
  async load(uri: string, replace = false): Promise<void> {
    const { store, documents } = this.host;
    if (!this.host.trusted() || !uri.startsWith('file:') || !this.host.isCard(uri)) return;
    const before = store.get(uri);
    // A run in flight here writes that record itself and sets its results when it ends.
    if (before && (!replace || this.host.running(uri))) return;
    const file = uriPath(uri);
    const read = await readRecord(file);
    const doc = documents.get(uri);
    if (!read.ok || !doc || store.get(uri) !== before) return;
    if (before && before.record.finished_at === read.record.finished_at && before.record.fingerprint === read.record.fingerprint) return;
    const card = cardOf(doc);
    const reason = staleReason(card, read.record, await this.fingerprints.current(card, { root: this.host.rootOf(file), cardFile: file }));
    // A run that finished meanwhile has newer results than the record read before it.
    if (store.get(uri) !== before) return;
    store.set(uri, { record: read.record, recordPath: read.path, stale: reason !== undefined, ...(reason ? { staleReason: reason } : {}) });
    // Edits made while the record was read were not checked (there was nothing to check yet).
    if (documents.get(uri)?.version !== doc.version) this.checkStale(uri);
  }

  /** Files changed on disk: reload records written elsewhere, recheck evidence of the open cards. */
  filesChanged(uris: readonly string[]): void {
    if (!this.host.trusted()) return;
    const cards = this.host.documents.all().map((d) => d.uri).filter((u) => this.host.isCard(u));
    const plan = planFor(uris, cards);
    for (const uri of plan.reload) void this.load(uri, true);
    for (const uri of plan.recheck) this.checkStale(uri);
  }

  /** Schedules a staleness check after an edit; bursts coalesce into one check of the latest text. */
  checkStale(uri: string): void {
    if (this.host.store.get(uri)) this.staleness.schedule(uri);
  }

  /** Compares the stored record with the card as it is now and marks it stale or fresh. */
  async stalenessNow(uri: string): Promise<void> {
    const entry = this.host.store.get(uri);
    const doc = this.host.documents.get(uri);
    if (!entry || !doc) return;
    const card = cardOf(doc);
    const current = await this.fingerprints.current(card, { root: this.host.rootOf(uriPath(uri)), cardFile: uriPath(uri) });
    const reason = staleReason(card, entry.record, current);
    if (this.host.store.get(uri) === entry) this.host.store.markStale(uri, reason !== undefined, reason);
  }
}
