/**
 * Values with their units, one way for every face: a share reads as a percentage (0.0004444 →
 * 0.0444 %), latency in whole milliseconds once it is large (1,075 ms), counts grouped (22,500 rows),
 * money with its currency, burn-rate factors as 14.4×. A long unit that names a statistic
 * ("normed Wasserstein distance") is not repeated after every number: the check's label says it.
 */
import { decisionDigits, formatNumber } from './number';

/** How one unit is written. */
interface Style {
  /** Multiplier before formatting (shares are shown as percentages). */
  scale: number;
  /** Text after the number in full and in compact places (lenses, inlay hints). */
  suffix: string;
  compact: string;
  /** Significant digits by default. */
  digits: number;
  /** Counts: singular suffix for exactly one. */
  singular?: string;
  /** Differences: a plus sign on positive values. */
  signed?: boolean;
  /**
   * The suffix of the first value of a comparison, whose unit the threshold then states in full:
   * "0.4163 USD ≤ 0.42 USD per useful outcome allowed", "3000 ≥ 2000 rows required".
   */
  lead: string;
}

const style = (suffix: string, extra: Partial<Style> = {}): Style => ({ scale: 1, suffix, compact: suffix, digits: 4, lead: suffix.length <= 4 ? suffix : '', ...extra });

/** Every unit the gates write, by its exact text. */
const STYLES: Readonly<Record<string, Style>> = {
  ms: style(' ms'),
  s: style(' s'),
  rps: style(' rps'),
  minutes: style(' minutes', { compact: ' min', digits: 3 }),
  hours: style(' hours', { compact: ' h', digits: 3, singular: ' hour' }),
  days: style(' days', { singular: ' day' }),
  share: style(' %', { scale: 100, digits: 3 }),
  'share of columns': style(' % of columns', { scale: 100, digits: 3, compact: ' %', lead: ' %' }),
  'percent vs baseline': style(' % vs baseline', { signed: true, digits: 3, compact: ' %', lead: ' %' }),
  percent: style(' %', { digits: 3 }),
  '%': style(' %', { digits: 3 }),
  rows: style(' rows', { singular: ' row' }),
  cases: style(' cases', { singular: ' case' }),
  metrics: style(' metrics', { singular: ' metric' }),
  requests: style(' requests', { singular: ' request' }),
  columns: style(' columns', { singular: ' column' }),
  'rows out of range': style(' rows out of range', { singular: ' row out of range' }),
  'rows outside enum': style(' rows outside the allowed values', { singular: ' row outside the allowed values', compact: ' rows' }),
  '× burn rate': style('×'),
  // Scores named by the check's label, not after each number.
  ece: style(''),
  brier: style(''),
  MAE: style(''),
};

/** The style of a unit: a known one, money, a short unit written after the number, or none. */
function styleOf(unit: string | undefined): Style {
  if (unit === undefined || unit === '') return style('');
  const known = STYLES[unit];
  if (known) return known;
  const money = /^([A-Z]{3})( per useful outcome)?$/.exec(unit);
  if (money) return style(` ${money[1]}${money[2] ?? ''}`, { compact: ` ${money[1]}${money[2] ? '/outcome' : ''}`, lead: ` ${money[1]}` });
  // Long units name a statistic or a metric difference; the check's label carries them.
  return unit.length <= 12 && !/\s/.test(unit) ? style(` ${unit}`) : style('');
}

/** Options of the formatters. */
export interface FormatOptions {
  /** Short suffixes for inline places (lenses, inlay hints, status texts). */
  compact?: boolean;
  /** Significant digits (the unit's default otherwise). */
  digits?: number;
}

/** A number in a style, with `digits` significant digits; `lead` for the first value of a comparison. */
function styled(n: number, s: Style, digits: number, compact: boolean, lead = false): string {
  const scaled = n * s.scale;
  const text = formatNumber(scaled, digits);
  const sign = s.signed && scaled > 0 && Number.isFinite(scaled) ? '+' : '';
  const full = s.singular !== undefined && scaled === 1 && !compact ? s.singular : compact ? s.compact : s.suffix;
  return `${sign}${text}${lead ? s.lead : full}`;
}

/** What a value that is not a number reads as. */
function nonNumber(value: unknown): string {
  if (value === null || value === undefined) return 'not measured';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** A value with its unit, for people; the full value stays in JSON and hovers. */
export function formatValue(value: unknown, unit?: string, opts: FormatOptions = {}): string {
  if (typeof value !== 'number') return nonNumber(value);
  const s = styleOf(unit);
  return styled(value, s, opts.digits ?? s.digits, opts.compact === true);
}

/**
 * An observed value and its threshold, formatted with enough digits that they compare as the
 * real numbers do: 0.41634 against 0.42 stays "0.4163 USD" against "0.42 USD", and 800.4 ms against
 * 800 ms prints "800.4 ms", never "800 ms > 800 ms".
 */
export function formatPair(observed: unknown, threshold: unknown, unit?: string, opts: FormatOptions & { lead?: boolean } = {}): { observed: string; threshold: string } {
  if (typeof observed !== 'number' || typeof threshold !== 'number') {
    return { observed: formatValue(observed, unit, opts), threshold: formatValue(threshold, unit, opts) };
  }
  const s = styleOf(unit);
  const digits = decisionDigits(observed * s.scale, threshold * s.scale, opts.digits ?? s.digits);
  const compact = opts.compact === true;
  return { observed: styled(observed, s, digits, compact, opts.lead === true), threshold: styled(threshold, s, digits, compact) };
}

/** A signed difference for messages: +0.004, −0.012. */
export function formatSigned(n: number, digits = 4): string {
  return n > 0 ? `+${formatNumber(n, digits)}` : formatNumber(n, digits);
}
