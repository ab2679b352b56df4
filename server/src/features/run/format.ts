/**
 * Short texts about results for lenses, inlay hints, hovers and diagnostics: one wording for every
 * place a result is shown, so "912 ms > 800 ms" reads the same in a lens and in a hover.
 */
import type { CheckValue, GateStatus } from '../../gates/engine/types';
import { isCardCode } from '../../card/codes';
import { checkLabel, formatValue, resultPhrase, shorten } from '../../format';
import type { RecordCheck, RunRecord } from '../../records';

export { shorten };

/** The mark of a status. */
export const STATUS_MARK: Readonly<Record<GateStatus, string>> = { pass: '✔', fail: '✖', error: '!' };

/** A value with its unit, as inline places show it (`1075 ms`, `0.044 %`, `0.4163 USD/outcome`). */
export function valueText(v: CheckValue | undefined, unit?: string): string {
  return formatValue(v, unit, { compact: true });
}

/** What a check compared, in a few words: "1075 ms > 800 ms allowed" (its summary for errors). */
export function resultText(c: RecordCheck): string {
  return resultPhrase(c, { compact: true });
}

/** "warm p99 latency: 1075 ms > 800 ms allowed": the check by name and the comparison that decided it. */
export function comparisonText(c: RecordCheck): string {
  return `${checkLabel(c)}: ${resultText(c)}`;
}

/** "just now", "4 min ago", "3 h ago", "2 d ago". */
export function ageText(iso: string | null | undefined, now: Date = new Date()): string {
  const t = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(t)) return 'at an unknown time';
  const seconds = Math.max(0, (now.getTime() - t) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** Why a run was refused: the card's schema errors as its record stores them. */
export function refusalMessage(record: RunRecord): string {
  const found = record.blocked?.findings.filter((f) => isCardCode(f.code)) ?? [];
  const first = found.slice(0, 3).map((f) => `line ${f.line}: ${f.message} [${f.code}]`).join(' ');
  return `The card does not match the schema (${found.length} error${found.length === 1 ? '' : 's'}), so no gate was computed and the release must not take traffic. ${first}${found.length > 3 ? ` (+${found.length - 3} more)` : ''} Fix the card (see Problems) and run again.`;
}
