/**
 * Rollback inventory: the previous stable version of every artifact the baseline names must be
 * listed and available, or a rollback would restore only part of the previous working state.
 */
import type { Card, CardPath } from '../../card/model';
import { type Table, booleanAt, categoryAt, getColumn } from '../../evidence';
import type { CheckResult } from '../engine/types';

/** Card artifact keys and the inventory artifact name each one is restored as. */
export const ARTIFACT_KINDS: Readonly<Record<string, string>> = {
  model_uri: 'model',
  feature_pipeline: 'feature_pipeline',
  input_schema: 'input_schema',
  preprocessing_image: 'preprocessing',
  postprocessing_config: 'thresholds',
  thresholds: 'thresholds',
  serving_profile: 'serving_profile',
  runtime_parameters: 'runtime_parameters',
};

/** One artifact rollback must restore, with the version when the baseline pins one as a string. */
export interface ExpectedArtifact {
  artifact: string;
  version: string | undefined;
  /** Card path of the baseline value that names it. */
  at: CardPath;
}

/** The baseline's artifacts (`baseline.artifacts`, and `baseline.model_uri` as shorthand). */
export function expectedArtifacts(card: Card): ExpectedArtifact[] {
  const out = new Map<string, ExpectedArtifact>();
  const add = (key: string, value: unknown, at: CardPath): void => {
    const artifact = ARTIFACT_KINDS[key];
    if (!artifact || value === undefined || value === null) return;
    const version = typeof value === 'string' ? value : undefined;
    const prev = out.get(artifact);
    // postprocessing_config pins the thresholds' version; the thresholds map itself has none.
    if (!prev || (prev.version === undefined && version !== undefined)) out.set(artifact, { artifact, version, at });
  };
  const arts = card.object(['baseline', 'artifacts']) ?? {};
  for (const [k, v] of Object.entries(arts)) add(k, v, ['baseline', 'artifacts', k]);
  if (!out.has('model')) add('model_uri', card.get(['baseline', 'model_uri']), ['baseline', 'model_uri']);
  return [...out.values()];
}

/** Candidate artifacts (`artifacts.*`) for which the baseline names no previous version. */
export function uncoveredArtifacts(card: Card, expected: readonly ExpectedArtifact[]): string[] {
  const have = new Set(expected.map((e) => e.artifact));
  const cand = card.object(['artifacts']) ?? {};
  return [...new Set(Object.keys(cand).flatMap((k) => (ARTIFACT_KINDS[k] && !have.has(ARTIFACT_KINDS[k] as string) ? [ARTIFACT_KINDS[k] as string] : [])))];
}

/** Inventory rows by artifact name: version and availability, with their 1-based row. */
type Rows = Map<string, { version: string | undefined; available: boolean | undefined; row: number }[]>;

/** Reads the inventory table, or a reason it cannot be read. */
export function readInventory(t: Table): Rows | string {
  const artifact = getColumn(t, 'artifact');
  const version = getColumn(t, 'version');
  const available = getColumn(t, 'available');
  if (artifact?.type !== 'categorical' || version?.type !== 'categorical' || available?.type !== 'boolean') {
    return `${t.file} needs columns artifact, version and available (true/false)`;
  }
  const rows: Rows = new Map();
  for (let r = 0; r < t.rowCount; r++) {
    const name = categoryAt(artifact, r);
    if (name === undefined) continue;
    const list = rows.get(name) ?? [];
    list.push({ version: categoryAt(version, r), available: booleanAt(available, r), row: r + 1 });
    rows.set(name, list);
  }
  return rows;
}

/** The check of one expected artifact against the inventory rows. */
export function inventoryCheck(file: string, e: ExpectedArtifact, rows: Rows, at: CardPath): CheckResult {
  const id = `inventory.${e.artifact}`;
  const list = rows.get(e.artifact) ?? [];
  const want = e.version !== undefined ? ` ${e.version}` : '';
  const base = { id, threshold: e.version ?? 'listed and available', at };
  const match = list.find((r) => e.version === undefined || r.version === e.version);
  // One pinned version listed twice with different availability: row order must not decide.
  const same = e.version === undefined ? [] : list.filter((r) => r.version === e.version);
  const other = same.find((r) => r.available !== match?.available);
  if (match && other) {
    return { ...base, status: 'error', observed: e.version ?? null, evidence: { file, row: other.row, column: 'available' }, message: `The previous stable ${e.artifact}${want} is listed ${same.length} times in ${file} with different availability (rows ${same.map((r) => r.row).join(', ')}), so whether a rollback can restore it is undecidable. Keep one row per artifact version.` };
  }
  if (!match) {
    const found = list.map((r) => r.version ?? '(empty)').join(', ');
    return { ...base, status: 'fail', observed: found || null, message: `The previous stable ${e.artifact}${want} is not in ${file}${found ? ` (it lists ${found})` : ''}, so a rollback cannot restore it and would leave a mixed bundle. Publish and list the baseline's ${e.artifact}.` };
  }
  const where = { file, row: match.row, column: 'available' };
  if (match.available !== true) {
    return { ...base, status: 'fail', observed: match.version ?? null, evidence: where, message: `The previous stable ${e.artifact}${want} is listed in ${file} (row ${match.row}) but not available, so a rollback would fail exactly when it is needed. Restore the artifact in its registry.` };
  }
  return { ...base, status: 'pass', observed: match.version ?? null, evidence: where, message: `The previous stable ${e.artifact}${want} is available (${file} row ${match.row}).` };
}
