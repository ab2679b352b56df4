/**
 * Staleness: a record is stale when the card's bundle or any evidence file changed since the run.
 * The fingerprint is recomputed from the card and fresh hashes of the evidence files, which are
 * hashed but not parsed, so this is cheap enough for the editor to do on every save.
 */
import type { Card } from '../card/model';
import { computeFingerprint } from '../card/fingerprint';
import type { RunRecord } from './record';

/** Where the card and its evidence live. */
export interface StaleOptions {
  root: string;
  cardFile: string;
  signal?: AbortSignal;
}

/** Whether a record still describes the card, with both fingerprints and the changed files. */
export interface Staleness {
  stale: boolean;
  current: string;
  recorded: string;
  /** Evidence paths whose hash differs from the record's (added, removed or changed). */
  changedEvidence: string[];
  /** True when the release id differs: the record belongs to another release. */
  otherRelease: boolean;
}

/** The card's current fingerprint, hashing (not loading) its evidence files. */
export async function currentFingerprint(card: Card, opts: StaleOptions): Promise<{ fingerprint: string; evidence: { path: string; sha256: string | null }[] }> {
  // Loaded on first use: `check` of a card without a run record never needs the gates and loaders.
  const { bundleEvidenceRequests } = require('../gates/engine/run') as typeof import('../gates/engine/run');
  const { hashRequestedFiles } = require('../evidence') as typeof import('../evidence');
  const evidence = await hashRequestedFiles(bundleEvidenceRequests(card), opts);
  return { fingerprint: computeFingerprint(card, evidence), evidence };
}

/** Compares a record with the card as it is now. */
export async function isStale(card: Card, record: RunRecord, opts: StaleOptions): Promise<Staleness> {
  const { fingerprint, evidence } = await currentFingerprint(card, opts);
  const before = new Map(record.evidence.map((e) => [e.path, e.sha256]));
  const after = new Map(evidence.map((e) => [e.path, e.sha256]));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
  const otherRelease = String(card.get(['release_id']) ?? '') !== record.release_id;
  return { stale: fingerprint !== record.fingerprint || otherRelease, current: fingerprint, recorded: record.fingerprint, changedEvidence: changed, otherRelease };
}

/** Why a record no longer describes the card, or undefined when it still does. */
export function staleReason(card: Card, record: RunRecord, now: { fingerprint: string; evidence: readonly { path: string; sha256: string | null }[] }): string | undefined {
  if (String(card.get(['release_id']) ?? '') !== record.release_id) return 'release_id changed';
  if (now.fingerprint === record.fingerprint) return undefined;
  const before = new Map(record.evidence.map((e) => [e.path, e.sha256]));
  const after = new Map(now.evidence.map((e) => [e.path, e.sha256]));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
  return changed.length > 0 ? `evidence changed: ${changed.join(', ')}` : 'bundle changed';
}
