/**
 * Writing and reading run records. A write is atomic: the JSON goes to a temporary file in the
 * same folder, is flushed to disk, and replaces the record by a rename, so a reader (the editor,
 * CI) sees either the old record or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { RECORD_SCHEMA_VERSION, recordPathFor, type RecordBlocked, type RunRecord } from './record';
import { isRecordModelAliases } from './aliases';

/** Writes `text` to `file` atomically (temp file in the same folder + fsync + rename). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', 0o644);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, file);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

/** Flushes the folder entry so the rename survives a crash; not every platform allows it. */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open folders for sync; the rename itself is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** True for a value JSON writes without nesting, or a list of such values (a chart point). */
function flat(v: unknown): boolean {
  return v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));
}

/**
 * JSON indented by two spaces like `JSON.stringify(v, null, 2)`, except that a list of plain values
 * (chart counts, edges, points, card paths) stays on one line: one number per line would triple the
 * size of a record with charts and make it no easier to read.
 */
export function recordJson(v: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0 || v.every(flat)) return JSON.stringify(v);
    return `[\n${v.map((x) => `${inner}${recordJson(x, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${recordJson(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Writes the record next to its card and returns the record's path. */
export async function writeRecord(cardFile: string, record: RunRecord): Promise<string> {
  const file = recordPathFor(cardFile);
  await writeFileAtomic(file, `${recordJson(record)}\n`);
  return file;
}

/** A record read back, or why it could not be. */
export type ReadRecordResult = { ok: true; record: RunRecord; path: string } | { ok: false; path: string; reason: string; missing: boolean };

/** Reads the record of a card (or a record file given directly); never throws. */
export async function readRecord(cardOrRecordFile: string): Promise<ReadRecordResult> {
  const file = cardOrRecordFile.endsWith('.run.json') ? cardOrRecordFile : recordPathFor(cardOrRecordFile);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, path: file, missing: code === 'ENOENT', reason: code === 'ENOENT' ? 'no run record yet' : `cannot read the run record (${code ?? String(err)})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, path: file, missing: false, reason: `the run record is not valid JSON (${(err as Error).message})` };
  }
  const problem = shapeProblem(data);
  return problem ? { ok: false, path: file, missing: false, reason: problem } : { ok: true, record: data as RunRecord, path: file };
}

/** The first reason a parsed value is not a record this version understands (the schema has the rest). */
function shapeProblem(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'the run record is not a JSON object';
  const r = data as Partial<RunRecord>;
  if (r.schema_version !== RECORD_SCHEMA_VERSION) return `the run record has schema_version ${String(r.schema_version)}, this version reads ${RECORD_SCHEMA_VERSION}; run the gates again`;
  if (typeof r.fingerprint !== 'string' || typeof r.release_id !== 'string') return 'the run record lacks its fingerprint or release_id';
  if (!Array.isArray(r.gates) || !Array.isArray(r.evidence)) return 'the run record lacks its gates or evidence lists';
  if (r.blocked !== undefined && !isBlocked(r.blocked)) return 'the run record\'s "blocked" entry is malformed; run the gates again';
  if (r.model_aliases !== undefined && !isRecordModelAliases(r.model_aliases)) return 'the run record\'s "model_aliases" entry is malformed; run the gates again';
  return undefined;
}

/** A record may come from a pull request: its blockers are used only when they have their shape. */
function isBlocked(b: unknown): boolean {
  const x = b as Partial<RecordBlocked> | null;
  return typeof x === 'object' && x !== null && typeof x.schema_invalid === 'boolean' && Array.isArray(x.findings)
    && x.findings.every((f) => typeof f === 'object' && f !== null && typeof f.code === 'string' && typeof f.message === 'string' && Number.isInteger(f.line) && Number.isInteger(f.column));
}
