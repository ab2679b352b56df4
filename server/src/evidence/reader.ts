/**
 * Chunked, guarded file reading shared by every loader.
 *
 * Files are read in 1 MiB chunks through two reused buffers (one is parsed while the next is
 * read), so that memory does not depend on file size, the size guard is enforced before any
 * parsing, and cancellation and progress are observed between chunks.
 */
import { promises as fs } from 'node:fs';
import { formatBytes } from './budget';
import { DEFAULT_MAX_TABLE_BYTES, type EvidenceProblem, type ReadOptions, problem } from './types';

/** Size of one read; large enough to amortise syscalls, small enough to keep cancellation prompt. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Receives each chunk; the buffer is reused after the call returns, so copy what must be kept.
 * Returning false stops the read there (the handler has recorded why).
 */
export type ChunkHandler = (chunk: Buffer) => boolean | void;

/** Told the file's size once it is open, before any chunk (loaders size their memory budget from it). */
export type SizeHandler = (size: number) => void;

/** Problem for a file larger than the configured guard. */
function tooLarge(name: string, size: number, max: number): EvidenceProblem {
  return problem('too-large', name, `Evidence file '${name}' is ${formatBytes(size)}, above the ${formatBytes(max)} limit, so it was not read. Sample or aggregate the evidence, or raise the size limit if the file is expected to be this large.`);
}

/** Problem for an aborted read. */
export function cancelled(name: string): EvidenceProblem {
  return problem('cancelled', name, `Reading '${name}' was cancelled before it finished; the gate has no result. Run it again to compute it.`);
}

/**
 * Streams `file` through `onChunk`. Returns the problems that stopped the read (empty on success,
 * and when the handler stopped it). Without `maxBytes`, the 2 GiB table guard applies.
 * An empty file is a problem because no gate can be computed from no evidence.
 */
export async function readChunks(file: string, options: ReadOptions, onChunk: ChunkHandler, onSize?: SizeHandler): Promise<EvidenceProblem[]> {
  const name = options.displayName ?? file;
  const max = options.maxBytes ?? DEFAULT_MAX_TABLE_BYTES;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    if (size > max) return [tooLarge(name, size, max)];
    if (size === 0) {
      return [problem('empty', name, `Evidence file '${name}' is empty, so the gate has nothing to measure. Regenerate the evidence.`)];
    }
    onSize?.(size);
    return await pump(handle, size, max, name, options, onChunk);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return [problem(code === 'ENOENT' ? 'not-found' : 'io', name, `Evidence file '${name}' could not be read (${code ?? String(err)}). Check that it exists and is readable.`)];
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The read loop: one chunk at a time, checking the guard and the abort signal in between. */
async function pump(handle: fs.FileHandle, size: number, max: number, name: string, options: ReadOptions, onChunk: ChunkHandler): Promise<EvidenceProblem[]> {
  // Two buffers: the next chunk is read while the current one is parsed, so the disk and the
  // parser overlap instead of taking turns.
  const length = Math.min(CHUNK_BYTES, Math.max(size, 1));
  const buffers = [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)] as const;
  let which: 0 | 1 = 0;
  let total = 0;
  let pending = handle.read(buffers[which], 0, length, 0);
  const stop = async (problem: EvidenceProblem | undefined): Promise<EvidenceProblem[]> => {
    // The read in flight must end before the caller closes the handle.
    await pending.catch(() => undefined);
    return problem ? [problem] : [];
  };
  for (;;) {
    const { bytesRead } = await pending;
    if (bytesRead === 0) break;
    total += bytesRead;
    const chunk = buffers[which].subarray(0, bytesRead);
    which = which === 0 ? 1 : 0;
    pending = handle.read(buffers[which], 0, length, total);
    if (options.signal?.aborted) return stop(cancelled(name));
    // The file may grow while it is read; the guard applies to what is actually consumed.
    if (total > max) return stop(tooLarge(name, total, max));
    options.tap?.update(chunk);
    // A handler that stops the read has recorded its reason; the hash is left unfinished.
    if (onChunk(chunk) === false) return stop(undefined);
    options.onProgress?.(total, Math.max(size, total));
  }
  if (options.signal?.aborted) return [cancelled(name)];
  options.tap?.end();
  return [];
}

/**
 * Reads a whole (small) file as UTF-8 text with the same guards; a leading BOM is removed. The
 * bytes go into one buffer of the file's size, so the text costs the file once plus its string.
 */
export async function readText(file: string, options: ReadOptions): Promise<{ text: string; problems: EvidenceProblem[] }> {
  let bytes = Buffer.alloc(0);
  let used = 0;
  const onSize = (size: number): void => {
    bytes = Buffer.allocUnsafe(size);
  };
  const problems = await readChunks(file, options, (chunk) => {
    // A file that grows while it is read outgrows the buffer sized from its first size.
    if (used + chunk.length > bytes.length) bytes = Buffer.concat([bytes.subarray(0, used)], Math.max(2 * bytes.length, used + chunk.length));
    chunk.copy(bytes, used);
    used += chunk.length;
  }, onSize);
  if (problems.length > 0) return { text: '', problems };
  const text = bytes.toString('utf8', 0, used);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, problems };
}
