/**
 * Numbers for people: significant digits rather than binary noise (`1075.327999999999` reads
 * `1,075`), grouping of thousands, a true minus sign, and pairs formatted with just enough digits
 * that the printed values compare as the real ones do (0.4163 against 0.42, 1,075.3 against 1,075).
 * Pure and dependency-free, so every face (CLI, reports, editor) formats the same way.
 */

/** The typographic minus, which does not break a line and reads as a sign, not a hyphen. */
export const MINUS = '−';

/** Most significant digits a formatted number ever gets, enough to tell any two doubles apart that matter. */
const MAX_DIGITS = 15;

/** Groups the integer part of a plain decimal string in thousands: `1234567.5` → `1,234,567.5`. */
function group(text: string): string {
  const [int, frac] = text.split('.') as [string, string | undefined];
  const grouped = int.length > 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** The magnitude text of a finite non-negative number with `digits` significant digits (integers keep every digit). */
function magnitude(n: number, digits: number): string {
  if (n === 0) return '0';
  const intDigits = Math.floor(Math.log10(n)) + 1;
  // A value with at least as many integer digits as asked for is shown as an integer, never as 1.075e+3.
  if (intDigits >= digits) return group(n.toFixed(0));
  if (n < 1e-6) return Number(n.toPrecision(digits)).toExponential().replace('e-', `e${MINUS}`).replace('e+', 'e');
  // toPrecision may round up a digit (0.99995 → 1.000); Number() drops trailing zeros.
  return group(String(Number(n.toPrecision(digits))));
}

/**
 * A number with up to `digits` significant digits (4 by default), grouped thousands and a true
 * minus; integers are never cut (22500 → 22,500). Not-a-number reads "not a number", infinities "∞".
 */
export function formatNumber(n: number, digits = 4): string {
  if (Number.isNaN(n)) return 'not a number';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : `${MINUS}∞`;
  const text = magnitude(Math.abs(n), digits);
  return n < 0 && text !== '0' ? `${MINUS}${text}` : text;
}

/** The number a formatted text stands for (inverse of `formatNumber` for finite values). */
export function parseFormatted(text: string): number {
  return Number(text.replace(/,/g, '').replaceAll(MINUS, '-'));
}

/** -1, 0 or 1 as a is below, equal to or above b. */
function order(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The fewest significant digits (at least `digits`) at which `a` and `b` print in the same order as
 * they are: a pass at 0.4163 under 0.42 stays visibly under, and 800.4 over 800 never prints as
 * "800 > 800". Equal numbers need no more than `digits`.
 */
export function decisionDigits(a: number, b: number, digits = 4): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return digits;
  const want = order(a, b);
  for (let d = digits; d <= MAX_DIGITS; d++) {
    if (order(parseFormatted(formatNumber(a, d)), parseFormatted(formatNumber(b, d))) === want) return d;
  }
  return MAX_DIGITS;
}
