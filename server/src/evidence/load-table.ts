/**
 * Entry points that pick a tabular loader from the file extension and, for card evidence, resolve
 * and confine the path first.
 */
import * as path from 'node:path';
import { type CsvOptions, loadCsv } from './csv';
import { loadJsonLines, loadJsonTable } from './json';
import { loadParquet } from './parquet';
import { resolveEvidencePath } from './paths';
import type { Table } from './table';
import type { TableOptions } from './table-builder';
import { type EvidenceResult, type ReadOptions, fail, problem } from './types';

/** Tabular formats the loaders understand. */
export type TableFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'parquet';

const EXTENSIONS: Readonly<Record<string, TableFormat>> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.parquet': 'parquet',
};

/** Detects the tabular format from a file name's extension, or undefined when unknown. */
export function tableFormatOf(file: string): TableFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  return Object.hasOwn(EXTENSIONS, ext) ? EXTENSIONS[ext] : undefined;
}

/** Options of `loadTable`: the table options plus an explicit format for unusual extensions. */
export interface LoadTableOptions extends CsvOptions {
  /** Overrides detection from the extension. */
  format?: TableFormat;
}

/** Loads an already-resolved tabular file, choosing the loader from `format` or the extension. */
export async function loadTable(file: string, options: LoadTableOptions = {}): Promise<EvidenceResult<Table>> {
  const name = options.displayName ?? file;
  const format = options.format ?? tableFormatOf(file);
  const tableOptions: TableOptions = options;
  switch (format) {
    case 'csv':
      return loadCsv(file, options);
    case 'tsv':
      return loadCsv(file, { ...options, delimiter: options.delimiter ?? '\t' });
    case 'jsonl':
      return loadJsonLines(file, tableOptions);
    case 'json':
      return loadJsonTable(file, tableOptions);
    case 'parquet':
      return loadParquet(file, tableOptions);
    default:
      return fail(problem('parse', name, `${name}: unknown tabular format '${path.extname(file)}'. Use .csv, .tsv, .jsonl, .ndjson, .json or .parquet.`));
  }
}

/**
 * Resolves an evidence path from a card (confined to `projectRoot`) and hands the real path to
 * `load`, with the card's spelling of the path as the display name. Use it for every loader.
 */
export async function loadEvidence<T, O extends ReadOptions>(
  cardFile: string,
  evidencePath: string,
  projectRoot: string,
  load: (file: string, options: O) => Promise<EvidenceResult<T>>,
  options: O,
): Promise<EvidenceResult<T>> {
  const resolved = await resolveEvidencePath(cardFile, evidencePath, projectRoot);
  if (!resolved.ok) return resolved;
  return load(resolved.value.absolutePath, { ...options, displayName: options.displayName ?? evidencePath });
}

/** Resolves an evidence path from a card (confined to `projectRoot`) and loads it as a table. */
export async function loadEvidenceTable(
  cardFile: string,
  evidencePath: string,
  projectRoot: string,
  options: LoadTableOptions = {},
): Promise<EvidenceResult<Table>> {
  // The format comes from the path as written, since a symlink target may have another extension.
  const format = options.format ?? tableFormatOf(evidencePath);
  return loadEvidence(cardFile, evidencePath, projectRoot, loadTable, { ...options, ...(format ? { format } : {}) });
}
