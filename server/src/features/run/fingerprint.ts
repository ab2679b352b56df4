/**
 * The card's current bundle fingerprint, cheap enough to compute after every edit: the card part
 * comes from the parsed text, and each evidence file is hashed again only when its path, mtime or
 * size changed since the last look (a stat per file instead of reading gigabytes per keystroke).
 */
import { promises as fs } from 'node:fs';
import type { Card } from '../../card/model';
import { resolveEvidencePath } from '../../evidence';
import { bundleEvidenceRequests } from '../../gates/engine/run';
import { hashEvidence, normalisedEvidencePath } from '../../evidence';
import { computeFingerprint, type FingerprintEvidence } from '../../records';

/** Where the card lives. */
export interface FingerprintPlace {
  root: string;
  cardFile: string;
}

/** The current fingerprint with the evidence hashes it rests on. */
export interface CurrentFingerprint {
  fingerprint: string;
  evidence: FingerprintEvidence[];
}

/** Caches evidence hashes by absolute path, mtime and size. */
export class FingerprintCache {
  private readonly hashes = new Map<string, { mtimeMs: number; size: number; sha256: string }>();

  /** The card's fingerprint now. */
  async current(card: Card, place: FingerprintPlace): Promise<CurrentFingerprint> {
    const seen = new Map<string, FingerprintEvidence>();
    for (const r of bundleEvidenceRequests(card)) {
      const rel = normalisedEvidencePath(place.cardFile, r.path);
      if (!seen.has(rel)) seen.set(rel, { path: rel, sha256: await this.hash(place, r.path) });
    }
    const evidence = [...seen.values()];
    return { fingerprint: computeFingerprint(card, evidence), evidence };
  }

  /** One file's hash, from the cache when the file looks unchanged. */
  private async hash(place: FingerprintPlace, evidencePath: string): Promise<string | null> {
    const resolved = await resolveEvidencePath(place.cardFile, evidencePath, place.root);
    if (!resolved.ok) return null;
    const file = resolved.value.absolutePath;
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      return null;
    }
    const hit = this.hashes.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.sha256;
    const info = await hashEvidence(place, evidencePath);
    if (info.sha256 !== null) this.hashes.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, sha256: info.sha256 });
    return info.sha256;
  }
}
