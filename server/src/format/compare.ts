/**
 * What a check compared, in words: "1075 ms > 800 ms allowed", "96.2 % < 98 % required",
 * "−0.075 not above −0.02". Every face words a result from here, so a failure always says which
 * comparison failed, and two phrases are never set against each other with `!=`.
 */
import { formatPair, formatValue, type FormatOptions } from './units';

/** The relation a check requires between its observed value and its threshold. */
export type Comparison = 'at_most' | 'at_least' | 'above' | 'below' | 'equal';

/** Every comparison, for validating stored records. */
export const COMPARISONS: readonly Comparison[] = ['at_most', 'at_least', 'above', 'below', 'equal'];

/** pass | fail | error, as checks have it. */
export type FactStatus = 'pass' | 'fail' | 'error';

/** What the wording of a check needs; checks, record checks and wire checks all have this shape. */
export interface CheckFacts {
  id: string;
  status: FactStatus;
  observed?: unknown;
  threshold?: unknown;
  unit?: string;
  comparison?: Comparison;
  /** The decisive fact in a few words, when the values alone cannot say it. */
  summary?: string;
  message: string;
}

/** Whether a comparison holds, the words when it does and when it does not, and the threshold's role. */
const WORDS: Readonly<Record<Comparison, { holds: (o: number, t: number) => boolean; yes: string; no: string; role: string }>> = {
  at_most: { holds: (o, t) => o <= t, yes: '≤', no: '>', role: 'allowed' },
  at_least: { holds: (o, t) => o >= t, yes: '≥', no: '<', role: 'required' },
  above: { holds: (o, t) => o > t, yes: '>', no: 'not above', role: '' },
  below: { holds: (o, t) => o < t, yes: '<', no: 'not below', role: '' },
  equal: { holds: (o, t) => o === t, yes: '=', no: '≠', role: 'required' },
};

/**
 * Whether the comparison a check requires holds for its numbers (undefined without two numbers
 * and a comparison). A check may pass although it does not: a drifted column that is not critical.
 */
export function comparisonHolds(c: Pick<CheckFacts, 'observed' | 'threshold' | 'comparison'>): boolean | undefined {
  if (typeof c.observed !== 'number' || typeof c.threshold !== 'number' || !c.comparison || !Object.hasOwn(WORDS, c.comparison)) return undefined;
  return WORDS[c.comparison].holds(c.observed, c.threshold);
}

/** The relation two numbers really have, for checks that do not say which comparison they make. */
function trueRelation(o: number, t: number): string {
  return o < t ? '<' : o > t ? '>' : '=';
}

/**
 * "1075 ms > 800 ms allowed": the observed value against the threshold, formatted with the digits
 * that show the decision; undefined when the check has no numbers to compare.
 */
export function comparisonPhrase(c: CheckFacts, opts: FormatOptions = {}): string | undefined {
  if (typeof c.observed !== 'number' || typeof c.threshold !== 'number' || !Number.isFinite(c.observed)) return undefined;
  const v = formatPair(c.observed, c.threshold, c.unit, { ...opts, lead: true });
  const words = c.comparison && Object.hasOwn(WORDS, c.comparison) ? WORDS[c.comparison] : undefined;
  if (!words) return `${v.observed} ${trueRelation(c.observed, c.threshold)} ${v.threshold} threshold`;
  // The words follow the numbers, not the status: a drifted column that is not critical passes its
  // check although its p-value is below the threshold, and the phrase must still be true.
  const op = words.holds(c.observed, c.threshold) ? words.yes : words.no;
  return `${v.observed} ${op} ${v.threshold}${words.role ? ` ${words.role}` : ''}`;
}

/** The first sentence of a message, cut at a word boundary to about `max` characters. */
export function firstSentence(message: string, max = 100): string {
  const end = message.search(/[.;](\s|$)/);
  const sentence = end > 0 ? message.slice(0, end) : message;
  return shorten(sentence, max);
}

/** Cuts a text at a word boundary with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * The result of a check in a few words: its own summary when it has one, else the comparison of
 * its numbers, else its values ("no owner and no runbook; needs an owner and a runbook"), else the
 * first sentence of its message. A value that could not be measured says so instead of "n/a".
 */
export function resultPhrase(c: CheckFacts, opts: FormatOptions = {}): string {
  if (c.summary) return c.summary;
  const compared = comparisonPhrase(c, opts);
  if (compared) return compared;
  if (c.status === 'error') return firstSentence(c.message);
  const observed = formatValue(c.observed, c.unit, opts);
  if (c.threshold === undefined || c.threshold === null || c.status === 'pass') return c.observed === undefined ? firstSentence(c.message) : observed;
  return `${observed}; needs ${formatValue(c.threshold, c.unit, opts)}`;
}
