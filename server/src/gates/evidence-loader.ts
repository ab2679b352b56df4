/**
 * Loads the evidence every selected gate asked for, once per file: requests are deduplicated by
 * resolved path (and load options), every path is confined to the project root through the
 * evidence module, and every file is hashed so the run record can bind results to exact bytes.
 * This is one of the three places in the gate engine that does I/O (with the engine and records).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import {
  type EvidenceProblem, type EvidenceResult, type ReadOptions, loadDocument, loadPromRules, loadTable, loadTraces,
  problem, resolveEvidencePath, tableFormatOf,
} from '../evidence';
import { readText } from '../evidence/reader';
import type { EvidenceRequest, LoadedEvidence } from './types';

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

/** Streams a file through sha256 without holding it in memory. */
export async function sha256File(file: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) });
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
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

/** Calls the loader for one request's kind on an already-resolved file. */
async function loadKind(file: string, r: EvidenceRequest, read: ReadOptions): Promise<EvidenceResult<unknown>> {
  switch (r.kind) {
    case 'table': {
      const format = tableFormatOf(r.path);
      return loadTable(file, { ...read, ...(format ? { format } : {}), ...(r.table?.types ? { types: r.table.types } : {}), ...(r.table?.minRows !== undefined ? { minRows: r.table.minRows } : {}) });
    }
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

/** Loads every request, sharing loads and hashes between requests that name the same file. */
export async function loadRequests(requests: readonly EvidenceRequest[], opts: LoaderOptions): Promise<LoadedBatch> {
  const hashes = new Map<string, Awaited<ReturnType<typeof hashEvidence>>>();
  const loads = new Map<string, Promise<EvidenceResult<unknown>>>();
  const results: LoadedEvidence[] = [];
  for (const r of requests) {
    const rel = normalisedEvidencePath(opts.cardFile, r.path);
    let h = hashes.get(rel);
    if (!h) {
      h = await hashEvidence(opts, r.path);
      hashes.set(rel, h);
    }
    if (h.problems || !h.absolutePath || h.sha256 === null) {
      results.push({ ok: false, request: r, problems: h.problems ?? [] });
      continue;
    }
    const key = loadKey(h.absolutePath, r);
    let load = loads.get(key);
    if (!load) {
      load = loadKind(h.absolutePath, r, readOptions(opts, r.path, h.bytes ?? 0));
      loads.set(key, load);
    }
    const res = await load;
    results.push(res.ok ? { ok: true, request: r, value: res.value, sha256: h.sha256 } : { ok: false, request: r, problems: res.problems });
  }
  const files = [...hashes.values()].map(({ path: p, sha256, bytes }) => ({ path: p, sha256, bytes }));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { results, files };
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
