/**
 * Parquet loader on top of `hyparquet`, reading through a file handle rather than loading the
 * whole file, and turning the library's exceptions on corrupt files into problems.
 *
 * Column types come from the Parquet schema (a string column stays categorical even when its
 * values look numeric); declared types override them. Nested columns are kept as JSON text.
 */
import { promises as fs } from 'node:fs';
import { type AsyncBuffer, type ColumnData, type FileMetaData, type SchemaElement, parquetMetadataAsync, parquetRead } from 'hyparquet';
import type { Cell } from './column-builder';
import { formatBytes } from './budget';
import { cancelled } from './reader';
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
function topLevelColumns(meta: FileMetaData): { name: string; type: ColumnType }[] {
  const out: { name: string; type: ColumnType }[] = [];
  const schema = meta.schema;
  // Walk the flattened schema tree, skipping the descendants of nested columns.
  let i = 1;
  while (i < schema.length) {
    const el = schema[i] as SchemaElement;
    out.push({ name: el.name, type: schemaType(el) });
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

/** Feeds the chunks of each column, in row order, into the table builder. */
function fillColumns(builder: TableBuilder, chunks: Map<string, ColumnData[]>, rows: number): void {
  for (const [name, list] of chunks) {
    const col = builder.column(name);
    list.sort((a, b) => a.rowStart - b.rowStart);
    for (const chunk of list) {
      const data = chunk.columnData;
      for (let i = 0; i < data.length; i++) {
        const row = chunk.rowStart + i;
        // Chunks may overlap or run past the requested rows; each row is written once.
        if (row === col.size && row < rows) col.push(toCell(data[i]), row + 1);
      }
    }
  }
  builder.endRows(rows);
}

/** Reads the whole file into the builder; library exceptions come back as a problem. */
async function readInto(builder: TableBuilder, handle: fs.FileHandle, size: number, options: TableOptions): Promise<EvidenceProblem | undefined> {
  const name = builder.file;
  try {
    const file = fileBuffer(handle, size, options);
    const metadata = await parquetMetadataAsync(file);
    const columns = topLevelColumns(metadata);
    const types: Record<string, ColumnType> = Object.fromEntries(columns.map((c) => [c.name, c.type]));
    Object.assign(types, options.types ?? {});
    builder.declare(types);
    for (const c of columns) builder.column(c.name);
    const chunks = new Map<string, ColumnData[]>(columns.map((c) => [c.name, []]));
    // Timestamps arrive as epoch milliseconds instead of one Date object per cell.
    const parsers = { timestampFromMilliseconds: Number, timestampFromMicroseconds: (u: bigint) => Number(u / 1000n), timestampFromNanoseconds: (n: bigint) => Number(n / 1000000n), dateFromDays: (d: number) => d * 86400000 };
    await parquetRead({ file, metadata, parsers, onChunk: (c) => chunks.get(c.columnName)?.push(c) });
    fillColumns(builder, chunks, Number(metadata.num_rows));
    return undefined;
  } catch (err) {
    if (err instanceof AbortedRead) return cancelled(name);
    return problem('parse', name, `${name} is not a readable Parquet file (${(err as Error).message}). The gate cannot use it; re-export the evidence as Parquet, CSV or JSON Lines.`);
  }
}

/** Loads a Parquet file into a columnar table. */
export async function loadParquet(file: string, options: TableOptions = {}): Promise<EvidenceResult<Table>> {
  const name = options.displayName ?? file;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    const max = options.maxBytes ?? DEFAULT_MAX_TABLE_BYTES;
    if (size > max) return fail(problem('too-large', name, `Evidence file '${name}' is ${formatBytes(size)}, above the ${formatBytes(max)} limit, so it was not read. Sample or aggregate the evidence, or raise the size limit.`));
    if (size === 0) return fail(problem('empty', name, `Evidence file '${name}' is empty, so the gate has nothing to measure. Regenerate the evidence.`));
    const builder = new TableBuilder(name, options);
    const failure = await readInto(builder, handle, size, options);
    return failure ? fail(failure) : builder.finish();
  } catch (err) {
    return fail(problem('io', name, `Evidence file '${name}' could not be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
