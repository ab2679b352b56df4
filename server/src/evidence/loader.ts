/**
 * Loads the evidence every selected gate asked for, once per file: requests are deduplicated by
 * resolved path (and load options), every path is confined to the project root through the
 * evidence module, and every file is hashed so the run record can bind results to exact bytes.
 * Files load concurrently; large tables are parsed in worker threads, in parallel.
 * Gates never read files: they get what this loader produced, through the gate engine.
 */
import * as path from 'node:path';
import { type LoadTableOptions, loadTable, tableFormatOf } from './load-table';
import { resolveEvidencePath } from './paths';
import { loadPromRules } from './prom-rules';
import { loadDocument } from './records';
import { loadTraces } from './traces';
import { type EvidenceProblem, type EvidenceResult, type ReadOptions, problem } from './types';
import { readText } from './reader';
import { type FileHash, HashTap, sha256File } from './hash';
import { loadTableInThread, Slots, threadsAvailable } from './threads';
import type { EvidenceRequest, LoadedEvidence } from './requests';

/** One evidence file as the run record lists it. */
export interface EvidenceFileInfo {
  /** Path relative to the card's folder, with forward slashes (how the card names it, normalised). */
  path: string;
  /** Hex sha256 of the file's bytes, or null when the file could not be read. */
  sha256: string | null;
  /** Size in bytes, or null when the file could not be read. */
  bytes: number | null;
}

/** Progress of one large file being read. */
export interface FileProgress {
  path: string;
  bytesRead: number;
  totalBytes: number;
}

/** Where evidence comes from and how loading reports back. */
export interface LoaderOptions {
  /** Project root: nothing outside it is read. */
  root: string;
  /** The card file; evidence paths are relative to its folder. */
  cardFile: string;
  signal?: AbortSignal;
  /** Called while reading files of at least `largeFileBytes` (default 8 MiB). */
  onProgress?: (p: FileProgress) => void;
  largeFileBytes?: number;
  /** Parse tables of at least `largeFileBytes` in worker threads (default true). */
  threads?: boolean;
}

/** The outcome of loading a batch of requests. */
export interface LoadedBatch {
  /** Result per request, in request order. */
  results: LoadedEvidence[];
  /** Each distinct file once, sorted by path. */
  files: EvidenceFileInfo[];
}

const LARGE_FILE_BYTES = 8 * 1024 * 1024;

/** The card-relative, forward-slash spelling of an evidence path, used in records and messages. */
export function normalisedEvidencePath(cardFile: string, evidencePath: string): string {
  const dir = path.dirname(path.resolve(cardFile));
  return path.relative(dir, path.resolve(dir, evidencePath)).split(path.sep).join('/');
}

/** Resolves and hashes one evidence path; a path problem or unreadable file gives null hashes. */
export async function hashEvidence(opts: LoaderOptions, evidencePath: string): Promise<EvidenceFileInfo & { absolutePath?: string; problems?: readonly EvidenceProblem[] }> {
  const rel = normalisedEvidencePath(opts.cardFile, evidencePath);
  const resolved = await resolveEvidencePath(opts.cardFile, evidencePath, opts.root);
  if (!resolved.ok) return { path: rel, sha256: null, bytes: null, problems: resolved.problems };
  try {
    const h = await sha256File(resolved.value.absolutePath, opts.signal);
    return { path: rel, ...h, absolutePath: resolved.value.absolutePath };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    const p = problem(code === 'ABORT_ERR' ? 'cancelled' : 'io', evidencePath, `Evidence file '${evidencePath}' could not be read (${code}). Check that it exists and is readable.`);
    return { path: rel, sha256: null, bytes: null, problems: [p] };
  }
}

/** Hashes the files a set of requests names, without parsing them (the cheap path for staleness). */
export async function hashRequestedFiles(
  requests: readonly EvidenceRequest[], opts: LoaderOptions, known: readonly EvidenceFileInfo[] = [],
): Promise<EvidenceFileInfo[]> {
  const byPath = new Map<string, EvidenceFileInfo>();
  const done = new Map(known.map((f) => [f.path, f]));
  for (const r of requests) {
    const rel = normalisedEvidencePath(opts.cardFile, r.path);
    if (byPath.has(rel)) continue;
    // Files this run already hashed while loading them are not read twice.
    const { path: p, sha256, bytes } = done.get(rel) ?? (await hashEvidence(opts, r.path));
    byPath.set(rel, { path: p, sha256, bytes });
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Identity of one load: same file, same kind, same table options → loaded once. */
function loadKey(absolutePath: string, r: EvidenceRequest): string {
  return `${r.kind}\u0000${absolutePath}\u0000${JSON.stringify(r.table ?? {})}`;
}

/** Loads one request on an already-resolved file (a large table in a worker), with the hash of what was read. */
async function loadKind(file: string, bytes: number, r: EvidenceRequest, read: ReadOptions, threads: Slots | undefined): Promise<{ result: EvidenceResult<unknown>; hash?: FileHash }> {
  // A worker hashes what it parses itself; here the tap hashes the chunks this thread parses.
  if (r.kind === 'table' && threads) return threads.run(() => loadTableInThread(file, tableOptions(r, read), bytes));
  const tap = new HashTap();
  const result = await loadHere(file, r, { ...read, tap });
  const hash = tap.result();
  return hash ? { result, hash } : { result };
}

/** The options of a table load: the read options plus the request's format, types and minimum rows. */
function tableOptions(r: EvidenceRequest, read: ReadOptions): LoadTableOptions {
  const format = tableFormatOf(r.path);
  return { ...read, ...(format ? { format } : {}), ...(r.table?.types ? { types: r.table.types } : {}), ...(r.table?.minRows !== undefined ? { minRows: r.table.minRows } : {}) };
}

/** Loads one request on this thread. */
async function loadHere(file: string, r: EvidenceRequest, read: ReadOptions): Promise<EvidenceResult<unknown>> {
  switch (r.kind) {
    case 'table':
      return loadTable(file, tableOptions(r, read));
    case 'document':
      return loadDocument(file, read);
    case 'traces':
      return loadTraces(file, read);
    case 'prom-rules':
      return loadPromRules(file, read);
    case 'text': {
      const { text, problems } = await readText(file, { ...read, maxBytes: read.maxBytes ?? 16 * 1024 * 1024 });
      return problems.length > 0 ? { ok: false, problems } : { ok: true, value: text };
    }
  }
}

/** One distinct file of a batch: where it resolved, its loads by options, and its hash. */
interface FileState {
  rel: string;
  resolved: ReturnType<typeof resolveEvidencePath>;
  loads: Map<string, ReturnType<typeof loadKind>>;
  hash?: FileHash;
}

/** Loads every request, sharing loads and hashes between requests that name the same file. */
export async function loadRequests(requests: readonly EvidenceRequest[], opts: LoaderOptions): Promise<LoadedBatch> {
  const files = new Map<string, FileState>();
  const threads = opts.threads !== false && threadsAvailable() ? new Slots() : undefined;
  const loaded = await Promise.all(requests.map(async (r) => {
    const rel = normalisedEvidencePath(opts.cardFile, r.path);
    let state = files.get(rel);
    if (!state) {
      state = { rel, resolved: resolveEvidencePath(opts.cardFile, r.path, opts.root), loads: new Map() };
      files.set(rel, state);
    }
    const resolved = await state.resolved;
    if (!resolved.ok) return { r, state, result: resolved as EvidenceResult<unknown> };
    const { absolutePath, bytes } = resolved.value;
    const key = loadKey(absolutePath, r);
    let load = state.loads.get(key);
    if (!load) {
      const large = bytes >= (opts.largeFileBytes ?? LARGE_FILE_BYTES);
      load = loadKind(absolutePath, bytes, r, readOptions(opts, r.path, bytes), large && r.kind === 'table' ? threads : undefined);
      state.loads.set(key, load);
    }
    const { result, hash } = await load;
    state.hash ??= hash;
    return { r, state, result };
  }));
  await hashUnhashed(files, opts);
  const results = loaded.map(({ r, state, result }): LoadedEvidence => {
    if (!result.ok) return { ok: false, request: r, problems: result.problems };
    if (!state.hash) return { ok: false, request: r, problems: [unreadable(r.path, 'it changed or vanished while it was read')] };
    return { ok: true, request: r, value: result.value, sha256: state.hash.sha256 };
  });
  const infos = [...files.values()].map((f) => ({ path: f.rel, sha256: f.hash?.sha256 ?? null, bytes: f.hash?.bytes ?? null }));
  infos.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { results, files: infos };
}

/** Hashes the resolved files no loader read from start to end (Parquet reads by offset, failed loads stop early). */
async function hashUnhashed(files: Map<string, FileState>, opts: LoaderOptions): Promise<void> {
  for (const state of files.values()) {
    const resolved = await state.resolved;
    if (state.hash || !resolved.ok) continue;
    try {
      state.hash = await sha256File(resolved.value.absolutePath, opts.signal);
    } catch {
      // No hash: the file's results become an error below, and the record lists it as unreadable.
    }
  }
}

/** The problem for a file that could be resolved but not read to the end. */
function unreadable(evidencePath: string, why: string): EvidenceProblem {
  return problem('io', evidencePath, `Evidence file '${evidencePath}' could not be read: ${why}. Check that it exists and is readable, then run again.`);
}

/** Read options for one file: its display name, cancellation, and progress when it is large. */
function readOptions(opts: LoaderOptions, displayName: string, size: number): ReadOptions {
  const read: ReadOptions = { displayName };
  if (opts.signal) read.signal = opts.signal;
  const onProgress = opts.onProgress;
  if (onProgress && size >= (opts.largeFileBytes ?? LARGE_FILE_BYTES)) {
    read.onProgress = (bytesRead, totalBytes) => onProgress({ path: displayName, bytesRead, totalBytes });
  }
  return read;
}
