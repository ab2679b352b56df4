/**
 * sha256 of evidence files for run records. A file a loader reads sequentially is hashed from the
 * same chunks it parses (`HashTap`), so the record binds the results to exactly the bytes they were
 * computed from and a large file is read once, not twice; files read otherwise are hashed apart.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ByteTap } from './types';

/** Hash and size of one file. */
export interface FileHash {
  sha256: string;
  bytes: number;
}

/** Streams a file through sha256 without holding it in memory. */
export async function sha256File(file: string, signal?: AbortSignal): Promise<FileHash> {
  const tap = new HashTap();
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) });
  for await (const chunk of stream) tap.update(chunk as Buffer);
  tap.end();
  return tap.result() as FileHash;
}

/** A `ByteTap` that hashes what a loader reads; it has a result only if the read reached the end of the file. */
export class HashTap implements ByteTap {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private done: FileHash | undefined;

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  end(): void {
    this.done ??= { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  /** The file's hash when the whole file went through the tap, else undefined (hash it apart). */
  result(): FileHash | undefined {
    return this.done;
  }
}
