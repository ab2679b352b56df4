/**
 * A small byte-keyed memo of what a column did with a text cell, so that a repeated category such
 * as `north` costs a hash and a comparison instead of a decoded string and a Map lookup.
 *
 * Keys are the cell's UTF-8 bytes, compared exactly (the hash only picks the slot). The first
 * eight bytes are packed into two int32 words, so the usual short label is compared in three
 * integer comparisons; longer keys keep their remaining bytes in an arena. Values are whatever the
 * column reported as stable for that text (a dictionary code, or "missing"). The cache is bounded:
 * high-cardinality columns (ids, free text) simply stop adding entries, so the memory it holds
 * stays small whatever the file.
 */

/** Returned by `find` when the bytes are not in the cache. */
export const NOT_CACHED = -2;

/** Most entries kept per column; categorical evidence columns have far fewer levels. */
const MAX_ENTRIES = 1024;
/** Longest cell cached, in bytes; longer cells are rarely repeated labels. */
const MAX_KEY_BYTES = 64;

/** Bounded map from cell bytes to a small integer outcome; see the module comment. */
export class TextCache {
  // Open addressing over parallel arrays, at most half full; a slot with length -1 is empty.
  private slots = 16;
  private length = new Int32Array(16).fill(-1);
  private word0 = new Int32Array(16);
  private word1 = new Int32Array(16);
  private hash = new Int32Array(16);
  private value = new Int32Array(16);
  private rest = new Int32Array(16); // arena offset of the bytes after the eighth
  private arena = new Uint8Array(0);
  private used = 0;
  private count = 0;
  // The key of the last `find`, for the `add` that may follow a miss.
  private last0 = 0;
  private last1 = 0;
  private lastHash = 0;

  /** The outcome stored for `bytes[start, end)`, or `NOT_CACHED`; `add` may follow for the same bytes. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    let w0 = 0;
    let w1 = 0;
    let i = start;
    const mid = len > 4 ? start + 4 : end;
    const top = len > 8 ? start + 8 : end;
    for (let shift = 0; i < mid; i++, shift += 8) w0 |= (bytes[i] as number) << shift;
    for (let shift = 0; i < top; i++, shift += 8) w1 |= (bytes[i] as number) << shift;
    let h = Math.imul(w0 ^ Math.imul(w1 ^ len, 0x27d4eb2d), 0x9e3779b1);
    for (; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
    h ^= h >>> 15;
    this.last0 = w0;
    this.last1 = w1;
    this.lastHash = h;
    const mask = this.slots - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const l = this.length[s] as number;
      if (l < 0) return NOT_CACHED;
      if (l === len && this.word0[s] === w0 && this.word1[s] === w1 && (len <= 8 || this.sameRest(s, bytes, start + 8, len - 8))) {
        return this.value[s] as number;
      }
    }
  }

  /** Remembers `value` for the bytes of the last `find` (a miss), unless the cache is full or the key long. */
  add(bytes: Uint8Array, start: number, end: number, value: number): void {
    const len = end - start;
    if (this.count >= MAX_ENTRIES || len > MAX_KEY_BYTES) return;
    if (2 * (this.count + 1) > this.slots) this.grow();
    let restAt = 0;
    if (len > 8) {
      if (this.used + len - 8 > this.arena.length) {
        const arena = new Uint8Array(Math.max(256, 2 * this.arena.length, this.used + len - 8));
        arena.set(this.arena.subarray(0, this.used));
        this.arena = arena;
      }
      this.arena.set(bytes.subarray(start + 8, end), this.used);
      restAt = this.used;
      this.used += len - 8;
    }
    this.count++;
    this.put(this.lastHash, len, this.last0, this.last1, value, restAt);
  }

  /** Stores an entry in the first free slot of its probe sequence. */
  private put(h: number, len: number, w0: number, w1: number, value: number, restAt: number): void {
    const mask = this.slots - 1;
    let s = h & mask;
    while ((this.length[s] as number) >= 0) s = (s + 1) & mask;
    this.length[s] = len;
    this.word0[s] = w0;
    this.word1[s] = w1;
    this.hash[s] = h;
    this.value[s] = value;
    this.rest[s] = restAt;
  }

  /** Doubles the slots and re-inserts the entries. */
  private grow(): void {
    const { length, word0, word1, hash, value, rest } = this;
    this.slots *= 2;
    this.length = new Int32Array(this.slots).fill(-1);
    this.word0 = new Int32Array(this.slots);
    this.word1 = new Int32Array(this.slots);
    this.hash = new Int32Array(this.slots);
    this.value = new Int32Array(this.slots);
    this.rest = new Int32Array(this.slots);
    for (let s = 0; s < length.length; s++) {
      const len = length[s] as number;
      if (len >= 0) this.put(hash[s] as number, len, word0[s] as number, word1[s] as number, value[s] as number, rest[s] as number);
    }
  }

  /** True when slot `s` has exactly the `len` bytes at `bytes[start]` after its first eight. */
  private sameRest(s: number, bytes: Uint8Array, start: number, len: number): boolean {
    const arena = this.arena;
    const k = this.rest[s] as number;
    for (let i = 0; i < len; i++) if (arena[k + i] !== bytes[start + i]) return false;
    return true;
  }
}
