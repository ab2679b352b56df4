/**
 * Parquet loader on top of `hyparquet`, reading through a file handle rather than loading the
 * whole file, and turning the library's exceptions on corrupt files into problems.
 *
 * Nothing the file claims is trusted before it is checked: the footer's counts must agree and fit
 * the memory budget (parquet-check.ts), each row group's pages must back their counts with bytes
 * (parquet-pages.ts), and each column must decode exactly its row group's rows. Columns are
 * decoded one row group and one column at a time, so the decoder's working memory is one
 * column's of one group, not the file's.
 *
 * Column types come from the Parquet schema (a string column stays categorical even when its
 * values look numeric); declared types override them. Nested columns are kept as JSON text.
 */
import { promises as fs } from 'node:fs';
import { type AsyncBuffer, type ColumnData, type FileMetaData, type SchemaElement, parquetMetadataAsync, parquetRead } from 'hyparquet';
import type { Cell } from './column-builder';
import { formatBytes, formatCount } from './budget';
import { type ChunkPlan, type GroupPlan, corrupt, planParquet } from './parquet-check';
import { FlatChunk, type FlatKind, flatKind } from './parquet-flat';
import { checkPages, type PageVisitor } from './parquet-pages';
import { cancelled } from './reader';
import { snappyPage } from './snappy';
import type { ColumnType, Table } from './table';
import { TableBuilder, type TableOptions } from './table-builder';
import { DEFAULT_MAX_TABLE_BYTES, type EvidenceProblem, type EvidenceResult, fail, problem } from './types';

/** Thrown inside our own AsyncBuffer to unwind hyparquet when the caller aborts. */
class AbortedRead extends Error {}

/** An AsyncBuffer over an open file handle that reports progress and honours the abort signal. */
function fileBuffer(handle: fs.FileHandle, size: number, options: TableOptions): AsyncBuffer {
  let consumed = 0;
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      if (options.signal?.aborted) throw new AbortedRead();
      const stop = Math.min(end ?? size, size);
      const out = new Uint8Array(Math.max(0, stop - start));
      if (out.length > 0) await handle.read(out, 0, out.length, start);
      consumed = Math.min(size, consumed + out.length);
      options.onProgress?.(consumed, size);
      return out.buffer;
    },
  };
}

/** Maps a Parquet schema element to the column type its values should have. */
function schemaType(el: SchemaElement): ColumnType {
  const logical = el.logical_type?.type;
  const conv = el.converted_type ?? '';
  if (logical === 'TIMESTAMP' || logical === 'DATE' || el.type === 'INT96' || conv === 'DATE' || conv.startsWith('TIMESTAMP')) return 'timestamp';
  if (el.num_children) return 'categorical';
  if (el.type === 'BOOLEAN') return 'boolean';
  if (el.type === 'INT32' || el.type === 'INT64' || el.type === 'FLOAT' || el.type === 'DOUBLE') return 'numeric';
  return 'categorical';
}

/** Top-level columns of the file, in schema order, with their types. */
function topLevelColumns(meta: FileMetaData): { name: string; type: ColumnType; element: SchemaElement }[] {
  const out: { name: string; type: ColumnType; element: SchemaElement }[] = [];
  const schema = meta.schema;
  // Walk the flattened schema tree, skipping the descendants of nested columns.
  let i = 1;
  while (i < schema.length) {
    const el = schema[i] as SchemaElement;
    out.push({ name: el.name, type: schemaType(el), element: el });
    i += 1 + countDescendants(schema, i);
  }
  return out;
}

/** Number of schema elements below element `i` in the flattened depth-first schema. */
function countDescendants(schema: SchemaElement[], i: number): number {
  let pending = schema[i]?.num_children ?? 0;
  let n = 0;
  while (pending > 0) {
    n++;
    pending += (schema[i + n]?.num_children ?? 0) - 1;
  }
  return n;
}

/** Converts a decoded value to a cell; nested values become JSON text (bigints as decimal text). */
function toCell(v: unknown): Cell {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof Date) return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/** The problem for a file the decoder cannot read, with what it said and where when known. */
function unreadable(name: string, why: string, where: { row?: number; column?: string } = {}): EvidenceProblem {
  return problem('parse', name, `${name} is not a readable Parquet file (${why}). The gate cannot use it; re-export the evidence as Parquet, CSV or JSON Lines.`, where);
}

/** The read buffer of `readRange`, one per open file (loads may run side by side). */
const buffers = new WeakMap<fs.FileHandle, Uint8Array>();

/** Progress of a load by its file handle: `readRange` reports how far into the file it has read. */
const progress = new WeakMap<fs.FileHandle, (position: number) => void>();

/** Reads bytes `[start, end)` of the file (the caller checked they lie in it). */
async function readRange(handle: fs.FileHandle, start: number, end: number): Promise<Uint8Array> {
  // One buffer serves every chunk of a file (checkPages keeps nothing of it), so reading a file
  // leaves no garbage of its size behind; it grows to the largest chunk, which the budget bounds.
  let buffer = buffers.get(handle);
  if (!buffer || buffer.length < end - start) buffers.set(handle, (buffer = new Uint8Array(end - start)));
  const out = buffer.subarray(0, end - start);
  let done = 0;
  while (done < out.length) {
    const { bytesRead } = await handle.read(out, done, out.length - done, start + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  progress.get(handle)?.(start + done);
  return out.subarray(0, done);
}

/** Checks the pages of one column chunk (handing each to `visit`); returns the problem with them. */
async function checkChunk(name: string, handle: fs.FileHandle, group: GroupPlan, chunk: ChunkPlan, visit?: PageVisitor): Promise<EvidenceProblem | undefined> {
  const issue = checkPages(await readRange(handle, chunk.start, chunk.end), chunk.facts, visit);
  if (!issue) return undefined;
  const where = `in row group ${group.index + 1}, column ${chunk.column}`;
  const at = { row: group.firstRow + 1, column: chunk.top };
  if (issue.unreadable) return unreadable(name, `${where}, ${issue.why}`, at);
  return corrupt(name, `${where}: ${issue.why}`, at);
}

/** Walks the pages of the chunks of one top-level column in a row group; returns the first problem. */
async function checkColumn(name: string, handle: fs.FileHandle, group: GroupPlan, top: string): Promise<EvidenceProblem | undefined> {
  for (const chunk of group.chunks) {
    if (chunk.top !== top) continue;
    const problem = await checkChunk(name, handle, group, chunk);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * The direct path (parquet-flat.ts) for one flat column of a row group: its pages are checked,
 * decompressed once and decoded into the column's next cells, which count once all decoded. Returns
 * 'unsupported' when the general path must decode this chunk instead: no cell was added then, and
 * texts interned on the way are interned by that path in the same order, being the same first rows.
 */
async function readFlat(builder: TableBuilder, handle: fs.FileHandle, group: GroupPlan, chunk: ChunkPlan, kind: FlatKind): Promise<EvidenceProblem | 'unsupported' | undefined> {
  const col = builder.column(chunk.top);
  // Decoded in place into the column's next cells, which count only once committed.
  const decoded = kind === 'utf8'
    ? new FlatChunk(kind, chunk.facts.maxDefinition, col.codeSlots(group.rows), (text) => col.categoryCode(text))
    : new FlatChunk(kind, chunk.facts.maxDefinition, col.numberSlots(group.rows));
  const pages = await checkChunk(builder.file, handle, group, chunk, decoded.visit);
  if (pages) return pages;
  const outcome = decoded.finish();
  if (outcome === 'unsupported') return outcome;
  if (outcome !== 'ok') return unreadable(builder.file, `in row group ${group.index + 1}, column ${chunk.column}, ${outcome}`, { row: group.firstRow + 1, column: chunk.top });
  col.commitSlots(group.rows, decoded.missing);
  return undefined;
}

/** The direct path's kind for a column of this group, when the column and the load allow it. */
function directKind(builder: TableBuilder, group: GroupPlan, name: string, elements: ReadonlyMap<string, SchemaElement>): { chunk: ChunkPlan; kind: FlatKind } | undefined {
  const chunks = group.chunks.filter((c) => c.top === name);
  const chunk = chunks[0];
  const el = elements.get(name);
  if (chunks.length !== 1 || !chunk || !el || !chunk.facts.flat || chunk.facts.maxRepetition !== 0 || chunk.facts.maxDefinition > 1) return undefined;
  const kind = flatKind(el, chunk.facts.codec);
  // A type declared over the schema's makes every cell go through the builder's conversions.
  const stored: ColumnType = kind === 'utf8' ? 'categorical' : 'numeric';
  return kind && builder.column(name).declaredType === stored ? { chunk, kind } : undefined;
}

/**
 * Moves the decoded chunks of one column of a row group into the builder, after checking that
 * they hold exactly the group's rows, in order: only rows actually decoded are counted.
 */
function fillColumn(builder: TableBuilder, group: GroupPlan, name: string, list: ColumnData[]): EvidenceProblem | undefined {
  list.sort((a, b) => a.rowStart - b.rowStart);
  let next = group.firstRow;
  let inOrder = 0;
  for (const chunk of list) {
    if (chunk.rowStart !== next) break;
    next += chunk.columnData.length;
    inOrder++;
  }
  const decoded = next - group.firstRow;
  // Values that overlap or leave a gap are as untrustworthy as missing ones.
  if (decoded !== group.rows || inOrder !== list.length) {
    return corrupt(builder.file, `row group ${group.index + 1} claims ${formatCount(group.rows)} rows but its column ${name} decoded ${formatCount(decoded)} in order`, { row: group.firstRow + 1, column: name });
  }
  const col = builder.column(name);
  for (const chunk of list) {
    const data = chunk.columnData;
    for (let i = 0; i < data.length; i++) col.push(toCell(data[i]), chunk.rowStart + i + 1);
  }
  return undefined;
}

/** Timestamps arrive as epoch milliseconds instead of one Date object per cell. */
const PARSERS = { timestampFromMilliseconds: Number, timestampFromMicroseconds: (u: bigint) => Number(u / 1000n), timestampFromNanoseconds: (n: bigint) => Number(n / 1000000n), dateFromDays: (d: number) => d * 86400000 };

/** Snappy pages go through the checked decoder instead of the library's own (see snappy.ts). */
const COMPRESSORS = { SNAPPY: snappyPage };

/**
 * Checks and decodes one row group into the builder, one column at a time, so that the decoder's
 * working memory is one column's of one group.
 */
async function readGroup(builder: TableBuilder, handle: fs.FileHandle, source: { file: AsyncBuffer; metadata: FileMetaData; paths: ParquetPaths }, group: GroupPlan, elements: ReadonlyMap<string, SchemaElement>): Promise<EvidenceProblem | undefined> {
  if (group.rows === 0) return undefined;
  const { file, metadata, paths } = source;
  for (const name of elements.keys()) {
    const direct = paths.direct ? directKind(builder, group, name, elements) : undefined;
    const flat = direct && (await readFlat(builder, handle, group, direct.chunk, direct.kind));
    if (direct && flat !== 'unsupported') {
      if (flat) return flat;
      if (paths.counts) paths.counts.direct++;
      continue;
    }
    if (paths.counts) paths.counts.general++;
    const pages = await checkColumn(builder.file, handle, group, name);
    if (pages) return pages;
    const list: ColumnData[] = [];
    const range = { rowStart: group.firstRow, rowEnd: group.firstRow + group.rows };
    await parquetRead({ file, metadata, columns: [name], parsers: PARSERS, compressors: COMPRESSORS, ...range, onChunk: (c) => list.push(c) });
    const failure = fillColumn(builder, group, name, list);
    if (failure) return failure;
  }
  builder.endRows(group.rows);
  return undefined;
}

/** The problem for a schema that names a top-level column twice (the table would mix both). */
function duplicateColumn(name: string, columns: readonly { name: string }[]): EvidenceProblem | undefined {
  const seen = new Set<string>();
  for (const { name: column } of columns) {
    if (seen.has(column)) return problem('shape', name, `${name}: column name '${column}' appears twice in the Parquet schema, so gates cannot tell which column to read. Give every column a unique name.`, { column });
    seen.add(column);
  }
  return undefined;
}

/** Reads the whole file into the builder, one row group at a time; library exceptions come back as a problem. */
async function readInto(builder: TableBuilder, handle: fs.FileHandle, size: number, options: TableOptions, paths: ParquetPaths): Promise<EvidenceProblem | undefined> {
  const name = builder.file;
  try {
    const file = fileBuffer(handle, size, options);
    let furthest = 0;
    progress.set(handle, (position) => {
      furthest = Math.max(furthest, position);
      options.onProgress?.(furthest, size);
    });
    const metadata = await parquetMetadataAsync(file);
    const columns = topLevelColumns(metadata);
    const plan = planParquet(name, metadata, size, builder.memoryBudget, columns.length);
    if ('message' in plan) return plan;
    const twice = duplicateColumn(name, columns);
    if (twice) return twice;
    const types: Record<string, ColumnType> = Object.fromEntries(columns.map((c) => [c.name, c.type]));
    Object.assign(types, options.types ?? {});
    builder.declare(types);
    for (const c of columns) builder.column(c.name);
    // The footer's row count fits the budget (planParquet): each column is allocated once.
    builder.expectRows(plan.rows);
    const elements = new Map(columns.map((c) => [c.name, c.element]));
    for (const group of plan.groups) {
      if (options.signal?.aborted) return cancelled(name);
      const failure = await readGroup(builder, handle, { file, metadata, paths }, group, elements);
      if (failure) return failure;
    }
    return undefined;
  } catch (err) {
    if (err instanceof AbortedRead) return cancelled(name);
    return unreadable(name, (err as Error).message);
  }
}

/**
 * Which decoding path a load may take: `direct: false` sends every chunk through `hyparquet`, for
 * the test that holds both paths to the same table; `counts` tallies the chunks each path decoded.
 */
export interface ParquetPaths {
  direct: boolean;
  counts?: { direct: number; general: number };
}

/** Loads a Parquet file into a columnar table. */
export async function loadParquet(file: string, options: TableOptions = {}, paths: ParquetPaths = { direct: true }): Promise<EvidenceResult<Table>> {
  const name = options.displayName ?? file;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    const max = options.maxBytes ?? DEFAULT_MAX_TABLE_BYTES;
    if (size > max) return fail(problem('too-large', name, `Evidence file '${name}' is ${formatBytes(size)}, above the ${formatBytes(max)} limit, so it was not read. Sample or aggregate the evidence, or raise the size limit.`));
    if (size === 0) return fail(problem('empty', name, `Evidence file '${name}' is empty, so the gate has nothing to measure. Regenerate the evidence.`));
    const builder = new TableBuilder(name, options);
    builder.limit(size);
    const failure = await readInto(builder, handle, size, options, paths);
    return failure ? fail(failure) : builder.finish();
  } catch (err) {
    return fail(problem('io', name, `Evidence file '${name}' could not be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
