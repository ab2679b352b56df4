/**
 * The fields of a CSV record that wait for the end of the record (the header, cells that need the
 * full typing rules): their column index, byte range, quoting and, when the scanner read one, the
 * number they hold. Parallel typed arrays, so keeping a field allocates nothing.
 */
import type { CsvField } from './csv-scanner';

/** A growable list of pending fields; see the module comment. */
export class FieldList {
  /** Number of fields held. */
  count = 0;
  /** Column index (position in the record) of each field. */
  index = new Int32Array(16);
  /** First byte of each field. */
  start = new Int32Array(16);
  /** End (exclusive) of each field. */
  end = new Int32Array(16);
  /** 1 when the field was quoted with doubled quotes inside. */
  escaped = new Uint8Array(16);
  /** The field's number as read by the scanner, or NaN. */
  value = new Float64Array(16);

  /** Appends a copy of the scanner's current field. */
  add(f: CsvField): void {
    const k = this.count;
    if (k === this.index.length) this.grow();
    this.index[k] = f.index;
    this.start[k] = f.start;
    this.end[k] = f.end;
    this.escaped[k] = f.escaped ? 1 : 0;
    this.value[k] = f.value;
    this.count = k + 1;
  }

  /** Moves every byte range `shift` bytes towards the start, after the buffer was compacted. */
  moved(shift: number): void {
    for (let k = 0; k < this.count; k++) {
      this.start[k] = (this.start[k] as number) - shift;
      this.end[k] = (this.end[k] as number) - shift;
    }
  }

  /** Field `k` decoded as UTF-8 (invalid sequences become U+FFFD), quotes undoubled when escaped. */
  text(bytes: Buffer, k: number): string {
    const text = bytes.toString('utf8', this.start[k], this.end[k]);
    return this.escaped[k] === 1 ? text.replace(/""/g, '"') : text;
  }

  /** Doubles the capacity, for a wide record. */
  private grow(): void {
    const cap = 2 * this.index.length;
    this.index = copyInto(this.index, new Int32Array(cap));
    this.start = copyInto(this.start, new Int32Array(cap));
    this.end = copyInto(this.end, new Int32Array(cap));
    this.escaped = copyInto(this.escaped, new Uint8Array(cap));
    this.value = copyInto(this.value, new Float64Array(cap));
  }
}

/** Copies `from` into the front of `to`. */
function copyInto<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
