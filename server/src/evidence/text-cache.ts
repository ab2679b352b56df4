/**
 * A small byte-keyed memo of what a column did with a text cell, so that a repeated category such
 * as `north` costs a hash and a byte comparison instead of a decoded string and a Map lookup.
 *
 * Keys are the cell's UTF-8 bytes, compared exactly (the hash only picks the slot). Values are
 * whatever the column reported as stable for that text (a dictionary code, or "missing"). The
 * cache is bounded: high-cardinality columns (ids, free text) simply stop adding entries, so the
 * memory it holds stays small whatever the file.
 */

/** Returned by `find` when the bytes are not in the cache. */
export const NOT_CACHED = -2;

/** Most entries kept per column; categorical evidence columns have far fewer levels. */
const MAX_ENTRIES = 1024;
/** Longest cell cached, in bytes; longer cells are rarely repeated labels. */
const MAX_KEY_BYTES = 64;
/** Slots of the open-addressing table: a power of two at most half full. */
const SLOTS = 2 * MAX_ENTRIES;

/** Bounded map from cell bytes to a small integer outcome; see the module comment. */
export class TextCache {
  // Slot -> entry index + 1 (0 = empty).
  private readonly slots = new Int32Array(SLOTS);
  private hash = 0;
  private readonly keyStart = new Int32Array(MAX_ENTRIES);
  private readonly keyLength = new Int32Array(MAX_ENTRIES);
  private readonly values = new Int32Array(MAX_ENTRIES);
  private keys = new Uint8Array(0);
  private used = 0;
  private count = 0;

  /** The outcome stored for `bytes[start, end)`, or `NOT_CACHED`; `add` may follow for the same bytes. */
  find(bytes: Uint8Array, start: number, end: number): number {
    // FNV-1a, kept for the `add` that follows a miss.
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
    this.hash = h;
    const slots = this.slots;
    const len = end - start;
    for (let s = h & (SLOTS - 1); ; s = (s + 1) & (SLOTS - 1)) {
      const e = (slots[s] as number) - 1;
      if (e < 0) return NOT_CACHED;
      if (this.keyLength[e] === len && this.same(e, bytes, start, len)) return this.values[e] as number;
    }
  }

  /** Remembers `value` for the bytes of the last `find` (a miss), unless the cache is full or the key long. */
  add(bytes: Uint8Array, start: number, end: number, value: number): void {
    const len = end - start;
    if (this.count >= MAX_ENTRIES || len > MAX_KEY_BYTES) return;
    if (this.used + len > this.keys.length) {
      const keys = new Uint8Array(Math.max(256, 2 * this.keys.length, this.used + len));
      keys.set(this.keys.subarray(0, this.used));
      this.keys = keys;
    }
    this.keys.set(bytes.subarray(start, end), this.used);
    const e = this.count++;
    this.keyStart[e] = this.used;
    this.keyLength[e] = len;
    this.values[e] = value;
    this.used += len;
    let s = this.hash & (SLOTS - 1);
    while (this.slots[s] !== 0) s = (s + 1) & (SLOTS - 1);
    this.slots[s] = e + 1;
  }

  /** True when entry `e` holds exactly the `len` bytes at `bytes[start]`. */
  private same(e: number, bytes: Uint8Array, start: number, len: number): boolean {
    const keys = this.keys;
    const k = this.keyStart[e] as number;
    for (let i = 0; i < len; i++) if (keys[k + i] !== bytes[start + i]) return false;
    return true;
  }
}
