/**
 * Short texts about results for lenses, inlay hints, hovers and diagnostics: one wording for every
 * place a result is shown, so "912 ms > 800 ms" reads the same in a lens and in a hover.
 */
import { fmt } from '../../gates/engine/checks';
import type { CheckValue, GateStatus } from '../../gates/engine/types';
import { isCardCode } from '../../card/codes';
import type { RecordCheck, RunRecord } from '../../records';

/** The mark of a status. */
export const STATUS_MARK: Readonly<Record<GateStatus, string>> = { pass: '✔', fail: '✖', error: '!' };

/** A value with its unit when the unit is short enough to read inline. */
export function valueText(v: CheckValue | undefined, unit?: string): string {
  const text = typeof v === 'number' ? fmt(v) : v === undefined || v === null ? 'n/a' : String(v);
  return unit && unit.length <= 12 && typeof v === 'number' ? `${text} ${unit}` : text;
}

/** "p99_latency_ms 912 ms > 800 ms": the comparison that decided a check. */
export function comparisonText(c: RecordCheck): string {
  if (c.observed === undefined && c.threshold === undefined) return `${c.id}: ${shorten(c.message, 80)}`;
  const { observed: o, threshold: t } = c;
  const op = typeof o === 'number' && typeof t === 'number' ? (o > t ? '>' : o < t ? '<' : '=') : 'vs';
  return t === undefined ? `${c.id} ${valueText(o, c.unit)}` : `${c.id} ${valueText(o, c.unit)} ${op} ${valueText(t, c.unit)}`;
}

/** Cuts a text at a word boundary with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
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
