/**
 * Decimal numbers read straight from UTF-8 bytes, without making a string per cell.
 *
 * The grammar is exactly the one `parseNumber` in cells.ts accepts: an optional sign, digits with
 * an optional fraction (`5`, `5.`, `.5`, `5.25`), then an optional exponent (`e-3`). The value is
 * the one `Number(text)` gives, bit for bit: with at most 15 significant digits the digits form an
 * exact integer m, and when the decimal exponent e satisfies |e| <= 22 the power 10^|e| is exact
 * too, so the single IEEE multiplication or division m * 10^e is correctly rounded (Clinger's fast
 * path). Anything else (long mantissas, large exponents) is handed to `Number` on the text.
 */

/** Exact powers of ten 10^0 .. 10^22; the literals are exact doubles. */
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
/** Digits that always form an exact int32 (10^9 < 2^31). */
const INT_DIGITS = 9;
/** Digits that always form an exact integer in a double (10^15 < 2^53). */
const MAX_DIGITS = 15;
/** Exponent magnitude past which the exponent is not tracked exactly and `Number` decides. */
const EXP_CAP = 100_000;

/**
 * Reads the decimal number at the front of some bytes and tells where it stopped, so a scanner can
 * recognise a numeric field while looking for its end.
 *
 * There is no end limit: a number ends at the first byte that cannot continue it, and the caller
 * makes sure there is one (the CSV scanner keeps a line feed after its data; `parseDecimalBytes`
 * copies the range and appends a zero byte). That saves a bounds test per digit. The digit test
 * `(c ^ 48) < 10` is false for the `undefined` read past the end of the array, so a careless caller
 * gets a wrong number, never an endless loop.
 */
export class DecimalReader {
  /** Position of the first byte not consumed by the last `read`. */
  end = 0;
  /**
   * The number read by the last successful `read`. A field rather than the return value: a double
   * returned from a call that is not inlined is boxed, one allocation per cell.
   */
  value = NaN;

  /**
   * Reads the longest decimal number starting at `start` into `value`; false when the bytes there
   * do not start a complete number. The common short number is read with int32 arithmetic (nine
   * digits always fit, and the integer chain is about twice as fast as a floating-point one); the
   * rest goes to `readLong`.
   */
  read(bytes: Uint8Array, start: number): boolean {
    let i = start;
    let c = bytes[i] as number;
    const negative = c === MINUS;
    if (negative || c === PLUS) c = bytes[++i] as number;
    // Every digit goes into the mantissa (leading zeros add nothing). It wraps past nine digits,
    // and is then not used.
    let mantissa = 0;
    const intStart = i;
    for (let d = c ^ ZERO; d < 10; d = (c = bytes[++i] as number) ^ ZERO) mantissa = (mantissa * 10 + d) | 0;
    let digits = i - intStart;
    let scale = 0;
    if (c === DOT) {
      const fracStart = ++i;
      c = bytes[i] as number;
      for (let d = c ^ ZERO; d < 10; d = (c = bytes[++i] as number) ^ ZERO) mantissa = (mantissa * 10 + d) | 0;
      scale = fracStart - i;
      digits -= scale;
    }
    this.end = i;
    if (digits === 0) return false;
    if (digits > INT_DIGITS || (c | 0x20) === 101) {
      const long = this.readLong(bytes, start);
      this.value = long;
      return long === long;
    }
    // 0 <= -scale <= digits <= 9; a zero mantissa gives 0, or -0 when negative, as Number does.
    const value = scale === 0 ? mantissa : mantissa / (POW10[-scale] as number);
    this.value = negative ? -value : value;
    return true;
  }

  /** `read` for numbers with more than nine digits or an exponent (NaN when none): a double mantissa, then `Number`. */
  private readLong(bytes: Uint8Array, start: number): number {
    let i = start;
    let c = bytes[i] as number;
    const negative = c === MINUS;
    if (negative || c === PLUS) c = bytes[++i] as number;
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    for (let seenDot = false; ; c = bytes[++i] as number) {
      if ((c ^ ZERO) < 10) {
        mantissa = mantissa * 10 + (c ^ ZERO);
        digits++;
        if (seenDot) scale--;
      } else if (c === DOT && !seenDot) seenDot = true;
      else break;
    }
    this.end = i;
    if ((c | 0x20) === 101) {
      const exp = this.exponent(bytes, i + 1);
      if (exp !== exp) return NaN;
      scale = exp >= EXP_CAP || exp <= -EXP_CAP ? EXP_CAP : scale + exp;
    }
    if (mantissa === 0) return negative ? -0 : 0;
    if (digits > MAX_DIGITS || scale > 22 || scale < -22) return Number(latin1(bytes, start, this.end));
    const value = scale >= 0 ? mantissa * (POW10[scale] as number) : mantissa / (POW10[-scale] as number);
    return negative ? -value : value;
  }

  /**
   * Reads the exponent after `e` at `i`: an optional sign and at least one digit, else NaN.
   * Magnitudes from `EXP_CAP` on are returned as at least `EXP_CAP`, not exactly.
   */
  private exponent(bytes: Uint8Array, i: number): number {
    let c = bytes[i] as number;
    const negative = c === MINUS;
    if (negative || c === PLUS) c = bytes[++i] as number;
    if ((c ^ ZERO) >= 10) return NaN;
    let exp = 0;
    for (; (c ^ ZERO) < 10; c = bytes[++i] as number) if (exp < EXP_CAP) exp = exp * 10 + (c ^ ZERO);
    this.end = i;
    return negative ? -exp : exp;
  }
}

const reader = new DecimalReader();
// Holds a copy of the range parsed by `parseDecimalBytes`, with the zero byte that ends it. A
// Buffer like the scanner's, so `read` only ever sees one kind of array and stays monomorphic.
let scratch = Buffer.alloc(64);

/** Parses all of `bytes[start, end)` as a decimal number; NaN when it is not exactly one. */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (scratch.length <= len) scratch = Buffer.alloc(2 * len + 1);
  scratch.set(bytes.subarray(start, end));
  scratch[len] = 0;
  return reader.read(scratch, 0) && reader.end === len ? reader.value : NaN;
}

/** The bytes as a string, one character per byte (the caller knows they are ASCII). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}
