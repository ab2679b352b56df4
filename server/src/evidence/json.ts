/**
 * JSON Lines and JSON table loaders.
 *
 * JSON Lines is streamed line by line, so a bad line is reported with its line number and the rest
 * of the file is still checked; only the unfinished line is held, up to the line limit. A JSON
 * document must be read whole; it is either an array of row objects or an object whose values are
 * equally long column arrays, and what parsing it would cost is checked against the load's memory
 * budget first.
 */
import { formatCount, lineTooLong, maxLineBytes, memoryBudget, overBudget } from './budget';
import type { Cell } from './column-builder';
import { readChunks, readText } from './reader';
import type { Table } from './table';
import { TableBuilder, type TableOptions } from './table-builder';
import { jsonErrorOffset } from './json-locate';
import { JSON_NODE_BYTES, jsonNodeCount } from './text-size';
import { DEFAULT_MAX_JSON_TABLE_BYTES, type EvidenceResult, fail, problem } from './types';

/** Converts a JSON value to a cell; nested objects and arrays are kept as their JSON text. */
function toCell(value: unknown): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** True for a plain JSON object (not an array, not null). */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Adds one JSON Lines line to the table, or a problem naming the line. */
function addJsonLine(builder: TableBuilder, text: string, line: number): void {
  if (text.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = (err as Error).message;
    builder.sink.add(problem('parse', builder.file, `${builder.file}: line ${line} is not valid JSON (${why}), so that record is lost. Each line must be one complete JSON object.`, { line }));
    return;
  }
  if (!isRecord(value)) {
    builder.sink.add(problem('shape', builder.file, `${builder.file}: line ${line} is ${Array.isArray(value) ? 'an array' : typeof value}, not an object. Each line must be one JSON object whose keys are column names.`, { line }));
    return;
  }
  for (const [key, v] of Object.entries(value)) builder.set(key, toCell(v), line);
  builder.endRow();
}

/**
 * Splits bytes into lines at line feeds (a byte no multi-byte UTF-8 character contains, so each
 * line decodes on its own exactly as inside the whole text), holding only the unfinished line.
 */
class LineSplitter {
  private parts: Buffer[] = [];
  private held = 0;
  /** Line number of the next line, from 1. */
  line = 1;

  /** Creates a splitter handing each line's text to `onLine`; lines may be at most `max` bytes. */
  constructor(
    private readonly max: number,
    private readonly onLine: (text: string, line: number) => void,
  ) {}

  /** Splits the next chunk (copied where kept); false when the unfinished line passed the limit. */
  feed(chunk: Buffer): boolean {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      if (this.held + nl - start > this.max) return false;
      this.emit(chunk, start, nl);
      start = nl + 1;
    }
    if (this.held + chunk.length - start > this.max) return false;
    if (start < chunk.length) {
      this.parts.push(Buffer.from(chunk.subarray(start)));
      this.held += chunk.length - start;
    }
    return true;
  }

  /** Hands over the last line when the input does not end with a line feed. */
  end(): void {
    if (this.held > 0) this.emit(Buffer.alloc(0), 0, 0);
  }

  /** Decodes the held bytes and `chunk[start, end)` as one line. */
  private emit(chunk: Buffer, start: number, end: number): void {
    let text: string;
    if (this.held === 0) {
      text = chunk.toString('utf8', start, end);
    } else {
      this.parts.push(chunk.subarray(start, end));
      text = Buffer.concat(this.parts).toString('utf8');
      this.parts = [];
      this.held = 0;
    }
    if (this.line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.onLine(text, this.line++);
  }
}

/** Streams a JSON Lines file (one object per line) into a columnar table. */
export async function loadJsonLines(file: string, options: TableOptions = {}): Promise<EvidenceResult<Table>> {
  const builder = new TableBuilder(options.displayName ?? file, options);
  const max = maxLineBytes(options);
  // Lines left in a chunk after the load stopped are not parsed.
  const lines = new LineSplitter(max, (text, line) => {
    if (!builder.stopped) addJsonLine(builder, text, line);
  });
  const onChunk = (chunk: Buffer): boolean => {
    if (!lines.feed(chunk)) builder.stop(lineTooLong(builder.file, lines.line, max));
    return !builder.stopped;
  };
  const problems = await readChunks(file, options, onChunk, (size) => builder.limit(size));
  if (problems.length > 0) return fail(problems);
  if (!builder.stopped) lines.end();
  return builder.finish();
}

/**
 * Finds the 1-based line of a JSON syntax error. Newer Node versions name a position or a line in
 * the message; Node 20 often does not, so a small scanner finds the offset instead.
 */
function jsonErrorLine(text: string, message: string): number | undefined {
  const lineMatch = /line (\d+)/.exec(message);
  if (lineMatch) return Number(lineMatch[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineOfOffset(text, Number(pos[1]));
  const offset = jsonErrorOffset(text);
  return offset === undefined ? undefined : lineOfOffset(text, offset);
}

/** 1-based line of a character offset. */
function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Fills the table from an array of row objects. */
function fromRows(builder: TableBuilder, rows: unknown[]): void {
  for (let idx = 0; idx < rows.length && !builder.stopped; idx++) {
    const row = rows[idx];
    if (!isRecord(row)) {
      builder.sink.add(problem('shape', builder.file, `${builder.file}: element ${idx + 1} of the array is not an object, so it cannot be a row. Every element must be an object whose keys are column names.`, { row: idx + 1 }));
      continue;
    }
    for (const [key, v] of Object.entries(row)) builder.set(key, toCell(v));
    builder.endRow();
  }
}

/** Fills the table from an object of column arrays, which must all have the same length. */
function fromColumns(builder: TableBuilder, cols: Record<string, unknown>): void {
  const entries = Object.entries(cols);
  const bad = entries.find(([, v]) => !Array.isArray(v));
  if (bad) {
    builder.sink.add(problem('shape', builder.file, `${builder.file}: key '${bad[0]}' is not an array. A JSON table is an array of row objects or an object of column arrays.`, { column: bad[0] }));
    return;
  }
  const lengths = new Set(entries.map(([, v]) => (v as unknown[]).length));
  if (lengths.size > 1) {
    builder.sink.add(problem('shape', builder.file, `${builder.file}: column arrays have different lengths (${[...lengths].join(', ')}), so rows cannot be lined up. Make every column array the same length.`));
    return;
  }
  const n = entries.length > 0 ? (entries[0]?.[1] as unknown[]).length : 0;
  for (let r = 0; r < n && !builder.stopped; r++) {
    for (const [key, v] of entries) builder.set(key, toCell((v as unknown[])[r]));
    builder.endRow();
  }
}

/** Loads a JSON table: an array of row objects or an object of column arrays. */
export async function loadJsonTable(file: string, options: TableOptions = {}): Promise<EvidenceResult<Table>> {
  const name = options.displayName ?? file;
  const { text, problems } = await readText(file, { ...options, maxBytes: options.maxBytes ?? DEFAULT_MAX_JSON_TABLE_BYTES });
  if (problems.length > 0) return fail(problems);
  // The text is held already; what JSON.parse would add is checked before it runs.
  const bytes = Buffer.byteLength(text);
  const budget = memoryBudget(options, bytes);
  const nodes = jsonNodeCount(text);
  if (nodes * JSON_NODE_BYTES > budget) return fail(overBudget(name, `its ${formatCount(nodes)} JSON values`, nodes * JSON_NODE_BYTES, budget));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const line = jsonErrorLine(text, (err as Error).message);
    return fail(problem('parse', name, `${name}${line !== undefined ? `: line ${line}` : ''}: not valid JSON (${(err as Error).message}). Fix the syntax so the evidence can be read.`, line !== undefined ? { line } : {}));
  }
  const builder = new TableBuilder(name, options);
  builder.limit(bytes);
  if (Array.isArray(doc)) fromRows(builder, doc);
  else if (isRecord(doc)) fromColumns(builder, doc);
  else builder.sink.add(problem('shape', name, `${name} holds a JSON ${typeof doc}, not a table. Use an array of row objects or an object of column arrays.`));
  return builder.finish();
}
