/**
 * The bundle fingerprint: sha256 over a canonical JSON of everything that makes the release what it
 * is (see docs/run-records.md for the exact list). Pure, so the engine, the editor and CI compute
 * the same value from the same card and evidence hashes.
 */
import type { Card } from './model';

/** Version tag hashed first, so a change to what is included never collides with old fingerprints. */
export const FINGERPRINT_VERSION = 'release-gates-fingerprint/1';

/** Card keys that are part of the bundle; everything else (owner, description, labels, post_release) is not. */
export const FINGERPRINT_CARD_KEYS = ['artifacts', 'baseline', 'slo', 'rollout', 'gates', 'profile', 'deferrals'] as const;

/** An evidence file as the fingerprint sees it. */
export interface FingerprintEvidence {
  path: string;
  sha256: string | null;
}

/**
 * JSON with object keys sorted at every level and no whitespace. Dates become ISO strings,
 * undefined members are dropped, non-finite numbers become null (as JSON.stringify does).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return 'null';
}

/** The canonical document that is hashed: bundle keys of the card plus evidence hashes sorted by path. */
export function fingerprintDocument(card: Card, evidence: readonly FingerprintEvidence[]): string {
  const bundle: Record<string, unknown> = {};
  for (const key of FINGERPRINT_CARD_KEYS) bundle[key] = card.get([key]);
  const files = [...evidence]
    .map((e) => ({ path: e.path, sha256: e.sha256 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return canonicalJson({ version: FINGERPRINT_VERSION, bundle, evidence: files });
}

/** `sha256:<hex>` of the fingerprint document. */
export function computeFingerprint(card: Card, evidence: readonly FingerprintEvidence[]): string {
  // node:crypto loads on first use: `check` of a card without a run record never hashes.
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return `sha256:${createHash('sha256').update(fingerprintDocument(card, evidence), 'utf8').digest('hex')}`;
}
