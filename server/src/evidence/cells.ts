/**
 * Interpretation of single text cells: missing markers, numbers, booleans and ISO timestamps.
 *
 * These rules are deliberately strict (no hex, no locale formats) so that type detection is
 * predictable and a value like `0x1F` in a latency column is reported, not guessed. Missing
 * markers and infinities are read as pandas' `read_csv` reads them, because most evidence is
 * written by pandas or checked with it: a file must not change type between the two tools.
 */

/**
 * Text cells that mean "no value": exactly pandas' default `na_values` (`STR_NA_VALUES` in
 * pandas/_libs/parsers.pyx), compared case-sensitively as pandas does. This is the one list; the
 * loaders, their tests and docs/gates/data.md all refer to it.
 */
export const DEFAULT_MISSING_TOKENS: readonly string[] = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None',
  'n/a', 'nan', 'null',
];

/**
 * Parses pandas' spellings of infinity (`inf`, `infinity`, with an optional sign, in any letter
 * case) to ±Infinity; undefined otherwise. They are numbers, not missing values, so a column that
 * holds one stays numeric and the gates that need finite values count it and refuse to decide.
 */
export function parseInfinity(s: string): number | undefined {
  if (s.length < 3 || s.length > 9) return undefined;
  const sign = s.charCodeAt(0) === 45 ? -1 : 1;
  const word = (s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43 ? s.slice(1) : s).toLowerCase();
  return word === 'inf' || word === 'infinity' ? sign * Infinity : undefined;
}

/** Parses a decimal number (optional sign, fraction, exponent); undefined when `s` is not one. */
export function parseNumber(s: string): number | undefined {
  const c = s.charCodeAt(0);
  // Only a sign, a digit or a dot may start a number; this rejects whitespace, "Infinity" and "".
  if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return undefined;
  const last = s.charCodeAt(s.length - 1);
  if (!((last >= 48 && last <= 57) || last === 46)) return undefined;
  const n = Number(s);
  if (Number.isNaN(n)) return undefined;
  // Number() accepts 0x/0b/0o prefixes; evidence files never mean those.
  if (c === 48 && s.length > 2) {
    const p = s.charCodeAt(1) | 0x20;
    if (p === 120 || p === 98 || p === 111) return undefined;
  }
  return n;
}

/** Parses `true`/`false` in any letter case; undefined otherwise. */
export function parseBoolean(s: string): boolean | undefined {
  if (s.length !== 4 && s.length !== 5) return undefined;
  const l = s.toLowerCase();
  return l === 'true' ? true : l === 'false' ? false : undefined;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses an ISO 8601 date or date-time to epoch ms. A date-time without a zone is read as UTC so
 * that results do not depend on the machine's time zone.
 */
export function parseTimestamp(s: string): number | undefined {
  if (s.length < 10 || s.length > 40) return undefined;
  const m = ISO_TIMESTAMP.exec(s);
  if (!m) return undefined;
  let text = s.replace(' ', 'T');
  if (text.length > 10 && m[1] === undefined) text += 'Z';
  // Date.parse only understands up to millisecond precision; trim longer fractions.
  text = text.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
