/**
 * Checks a Parquet footer before anything is decoded, and plans the read row group by row group.
 *
 * Every count in a footer is a claim: the file's row count, each row group's, each column chunk's
 * value count and byte range. A table is only as large as the rows actually stored, so the claims
 * must agree with each other (and, once decoded, with the values; see parquet.ts), or the file is
 * corrupt. What the agreed counts would cost in memory is checked against the load's budget before
 * a single value is decoded, so that a footer claiming a billion rows costs nothing.
 */
import type { ColumnChunk, FileMetaData, RowGroup } from 'hyparquet';
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getSchemaPath, isFlatColumn } from 'hyparquet/src/schema.js';
import { formatCount, overBudget } from './budget';
import type { ChunkFacts } from './parquet-pages';
import { tableBytes } from './table-builder';
import { type EvidenceProblem, problem } from './types';

/**
 * Memory the decoder needs per value of the column it decodes (its levels, its decoded array, the
 * assembled column; measured 30 to 60 bytes), on top of the table it fills. Columns are decoded one
 * row group and one column at a time.
 */
export const PARQUET_VALUE_BYTES = 64;

/** One column chunk to check and decode: its bytes in the file and what its pages must add up to. */
export interface ChunkPlan {
  /** The column's path in the schema, dot-joined, for messages. */
  column: string;
  /** The top-level column it belongs to (the table's column). */
  top: string;
  start: number;
  end: number;
  facts: ChunkFacts;
}

/** One row group: the rows it holds (first row 0-based) and its column chunks. */
export interface GroupPlan {
  index: number;
  firstRow: number;
  rows: number;
  chunks: ChunkPlan[];
}

/** The row groups of a file whose footer is consistent and fits the budget. */
export interface ParquetPlan {
  rows: number;
  groups: GroupPlan[];
}

/** A count from the footer as a number, or NaN when it cannot be one. */
function count(v: bigint | number | undefined): number {
  const n = Number(v ?? 0);
  return Number.isSafeInteger(n) && n >= 0 ? n : NaN;
}

/** The problem for a footer whose counts contradict each other or the file. */
export function corrupt(file: string, what: string, where: { row?: number; column?: string } = {}): EvidenceProblem {
  return problem('corrupt', file, `${file} is corrupt: ${what}. Only rows actually stored in a file can be counted, so the gate cannot use it; re-export the evidence (pyarrow, pandas, Polars and DuckDB write consistent files).`, where);
}

/** Plans one column chunk, or says what is wrong with it. */
function planChunk(meta: FileMetaData, group: RowGroup, g: number, chunk: ColumnChunk, limits: { dataEnd: number; budget: number }): ChunkPlan | string {
  const m = chunk.meta_data;
  if (!m) return `row group ${g + 1} has a column chunk without metadata`;
  const column = m.path_in_schema.join('.');
  if (chunk.file_path) return `column ${column} of row group ${g + 1} refers to another file (${chunk.file_path}), which is never read`;
  const rows = count(group.num_rows);
  const values = count(m.num_values);
  let path: ReturnType<typeof getSchemaPath>;
  try {
    path = getSchemaPath(meta.schema, m.path_in_schema);
  } catch {
    return `column ${column} of row group ${g + 1} is not in the schema`;
  }
  const flat = isFlatColumn(path);
  // A flat column has one value per row, nulls included; a nested one at least one per row.
  if (flat ? values !== rows : !(values >= rows)) return `row group ${g + 1} claims ${formatCount(rows)} rows but its column ${column} claims ${formatCount(values)} values`;
  const start = count(m.dictionary_page_offset || m.data_page_offset);
  const end = start + count(m.total_compressed_size);
  if (!(start >= 4 && end <= limits.dataEnd)) return `column ${column} of row group ${g + 1} claims bytes ${start} to ${end}, outside the file's data (bytes 4 to ${limits.dataEnd})`;
  const element = path[path.length - 1]?.element;
  const facts: ChunkFacts = {
    codec: m.codec,
    type: m.type,
    typeLength: element?.type_length,
    numValues: values,
    maxRepetition: getMaxRepetitionLevel(path),
    maxDefinition: getMaxDefinitionLevel(path),
    flat,
    maxPageBytes: limits.budget,
  };
  return { column, top: m.path_in_schema[0] ?? column, start, end, facts };
}

/** Plans one row group, or returns the problem with it. */
function planGroup(file: string, meta: FileMetaData, g: number, firstRow: number, limits: { dataEnd: number; budget: number }): GroupPlan | EvidenceProblem {
  const group = meta.row_groups[g] as RowGroup;
  const rows = count(group.num_rows);
  const where = { row: firstRow + 1 };
  if (Number.isNaN(rows)) return corrupt(file, `row group ${g + 1} claims ${group.num_rows} rows`, where);
  const chunks: ChunkPlan[] = [];
  for (const c of group.columns) {
    const planned = planChunk(meta, group, g, c, limits);
    if (typeof planned === 'string') return corrupt(file, planned, { ...where, ...(c.meta_data ? { column: c.meta_data.path_in_schema[0] } : {}) });
    chunks.push(planned);
  }
  return { index: g, firstRow, rows, chunks };
}

/** Memory the decoder needs for the largest column of one row group: its bytes and its values. */
function groupBytes(group: GroupPlan): number {
  const byColumn = new Map<string, number>();
  for (const c of group.chunks) byColumn.set(c.top, (byColumn.get(c.top) ?? 0) + (c.end - c.start) + c.facts.numValues * PARQUET_VALUE_BYTES);
  return Math.max(0, ...byColumn.values());
}

/**
 * Checks the footer's counts against each other and the file of `fileBytes`, then what reading it
 * would cost against `budget`; returns the plan, or the problem that stops the load.
 */
export function planParquet(file: string, meta: FileMetaData, fileBytes: number, budget: number, columns: number): ParquetPlan | EvidenceProblem {
  const claimed = count(meta.num_rows);
  if (Number.isNaN(claimed)) return corrupt(file, `its footer claims ${meta.num_rows} rows`);
  const limits = { dataEnd: fileBytes - 8 - meta.metadata_length, budget };
  const groups: GroupPlan[] = [];
  let rows = 0;
  for (let g = 0; g < meta.row_groups.length; g++) {
    const planned = planGroup(file, meta, g, rows, limits);
    if ('message' in planned) return planned;
    groups.push(planned);
    rows += planned.rows;
  }
  if (rows !== claimed) return corrupt(file, `its footer claims ${formatCount(claimed)} rows but its row groups hold ${formatCount(rows)}`);
  const needed = tableBytes(rows, columns) + groups.reduce((most, group) => Math.max(most, groupBytes(group)), 0);
  if (needed > budget) return overBudget(file, `its ${formatCount(rows)} rows of ${formatCount(columns)} columns (as its footer claims)`, needed, budget);
  return { rows, groups };
}
