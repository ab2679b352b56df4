/**
 * Units implied by names. Cards put units in key and metric names (`_ms`, `_share`, `_minutes`);
 * a value written with its own unit (`0.8%`, `0.8s`, `2h`) must be converted into the unit of the
 * name, not stripped: `max_error_share: 0.8%` is 0.008, not 0.8.
 */

/** The unit a key or metric name implies. */
export type NameUnit = 'ms' | 's' | 'minutes' | 'hours' | 'days' | 'ratio' | 'percent' | 'currency' | 'rps' | 'none';

/** The unit a key or metric name implies, by its suffix. */
export function unitOfName(name: string): NameUnit {
  const n = name.toLowerCase();
  if (/_ms$/.test(n)) return 'ms';
  if (/_(seconds|s)$/.test(n)) return 's';
  if (/_minutes$/.test(n)) return 'minutes';
  if (/_hours$/.test(n)) return 'hours';
  if (/_days$/.test(n)) return 'days';
  if (/_(rate|share|ratio)$/.test(n)) return 'ratio';
  if (/_(percent|pct)$/.test(n)) return 'percent';
  if (/_rps$/.test(n)) return 'rps';
  if (/^cost_|_cost$|^max_cost_/.test(n)) return 'currency';
  return 'none';
}

/** Words for each unit, for messages. */
export const UNIT_WORDS: Readonly<Record<NameUnit, string>> = {
  ms: 'milliseconds', s: 'seconds', minutes: 'minutes', hours: 'hours', days: 'days',
  ratio: 'a share from 0 to 1', percent: 'percent', currency: 'currency units', rps: 'requests per second', none: 'no unit',
};

/** Milliseconds per written time unit. */
const TIME_MS: Readonly<Record<string, number>> = {
  ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000,
};

/** Milliseconds per name unit, for the time units. */
const NAME_MS: Partial<Record<NameUnit, number>> = { ms: 1, s: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/**
 * Converts `value` written in `unit` (as after a number: `%`, `ms`, `s`, `min`, `h`, `d`, `w`) into
 * the unit a name implies; undefined when the two do not measure the same kind of thing.
 */
export function convertToNameUnit(value: number, unit: string, target: NameUnit): number | undefined {
  const u = unit.trim().toLowerCase();
  if (u === '') return value;
  if (u === '%') return target === 'ratio' ? value / 100 : target === 'percent' ? value : undefined;
  const fromMs = TIME_MS[u];
  const toMs = NAME_MS[target];
  if (fromMs !== undefined && toMs !== undefined) return (value * fromMs) / toMs;
  if (u === 'rps' && target === 'rps') return value;
  if (target === 'currency' && /^[a-z]{3}$/.test(u)) return value;
  return undefined;
}

/**
 * For a text like `0.8%` or `1.5 s` given where a name wants a bare number: the number in the
 * name's unit, or undefined when the text is not a number with a unit or the units do not match.
 * The schema reports the wrong type; this gives the value to write instead.
 */
export function numberForName(name: string, text: string): number | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z%]+)\s*$/.exec(text);
  if (!m) return undefined;
  const converted = convertToNameUnit(Number(m[1]), m[2] ?? '', unitOfName(name));
  return converted === undefined ? undefined : Number(converted.toPrecision(12));
}
