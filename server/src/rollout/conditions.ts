/**
 * Auto-rollback conditions (`rollout.auto_rollback_on`): parsing both written forms, the unit a
 * metric's name implies, and the gate threshold each well-known metric must agree with. The rules
 * lint these, the rollout generators and the canary judge enforce them: one parser for all three.
 */
import type { Card, CardPath } from '../card/model';
import { convertToNameUnit, unitOfName, type NameUnit } from '../card/units';
import { list, num, obj, str } from '../card/read';

/** Comparison operators a condition may use. */
export const OPS = ['>=', '<=', '==', '!=', '>', '<'] as const;

/** One condition as written, parsed when possible. */
export interface Condition {
  index: number;
  path: CardPath;
  form: 'string' | 'object';
  raw: string;
  /** Undefined when the condition cannot be parsed. */
  metric?: string;
  op?: string;
  value?: number;
  /** The unit as written after the number (or `unit:` in object form), '' when none. */
  unit?: string;
}

const CONDITION_RE = /^\s*([A-Za-z_][A-Za-z0-9_.:]*)\s*(>=|<=|==|!=|>|<)\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([A-Za-z%]*)\s*$/;

/** The conditions of the card, in order; items that are neither strings nor mappings are skipped. */
export function conditions(card: Card): Condition[] {
  const out: Condition[] = [];
  list(card.get(['rollout', 'auto_rollback_on'])).forEach((item, index) => {
    const path: CardPath = ['rollout', 'auto_rollback_on', index];
    const s = str(item);
    if (s !== undefined) {
      const m = CONDITION_RE.exec(s);
      out.push(m ? { index, path, form: 'string', raw: s, metric: m[1], op: m[2], value: Number(m[3]), unit: m[4] ?? '' } : { index, path, form: 'string', raw: s });
      return;
    }
    const o = obj(item);
    if (!o) return;
    const metric = str(o['metric']);
    const op = str(o['op']);
    const value = num(o['value']);
    const raw = `${metric ?? '?'} ${op ?? '?'} ${value ?? '?'}${str(o['unit']) ?? ''}`;
    const ok = metric !== undefined && op !== undefined && (OPS as readonly string[]).includes(op) && value !== undefined;
    out.push(ok ? { index, path, form: 'object', raw, metric, op, value, unit: str(o['unit']) ?? '' } : { index, path, form: 'object', raw });
  });
  return out;
}

/** What a metric measures, by its name; decides the units it accepts and the gate it must match. */
export type Family = 'latency' | 'errors' | 'timeouts' | 'cost' | 'other';

/** The family of a metric name. */
export function family(metric: string): Family {
  const m = metric.toLowerCase();
  if (/latency/.test(m)) return 'latency';
  if (/timeout/.test(m)) return 'timeouts';
  if (/(^|_)(error|errors|5xx|failure|failed)(_|$)/.test(m)) return 'errors';
  if (/^cost_per_useful_(result|outcome)/.test(m)) return 'cost';
  return 'other';
}

/** The unit a metric's value is in, by its name's suffix. */
export type UnitKind = NameUnit;

/** The unit implied by a metric's name. */
export function unitKind(metric: string): UnitKind {
  return unitOfName(metric);
}

/** A metric whose higher values are worse: a rollback triggers when it goes above a threshold. */
export function higherIsWorse(metric: string): boolean {
  return family(metric) !== 'other';
}

/**
 * The condition's value in the unit its metric's name implies (`0.8%` on a ratio is 0.008), or
 * undefined when the written unit does not fit the metric (that is a finding of its own).
 */
export function normalizedValue(c: Condition): number | undefined {
  if (c.metric === undefined || c.value === undefined) return undefined;
  const kind = unitKind(c.metric);
  const unit = c.unit ?? '';
  if (unit === '') return kind === 'ratio' && c.value > 1 ? undefined : c.value;
  // Only units that agree with the name count; any other unit is valid-auto-rollback's finding.
  return unitFits(kind, unit) ? convertToNameUnit(c.value, unit, kind) : undefined;
}

/** True when a unit written after a value agrees with the unit the metric's name implies. */
export function unitFits(kind: UnitKind, unit: string): boolean {
  if (unit === '' || kind === 'none') return true;
  if (unit === '%') return kind === 'ratio' || kind === 'percent';
  if (kind === 'currency') return /^[A-Z]{3}$/.test(unit);
  return unit.toLowerCase() === kind;
}

/** A gate threshold a condition's metric must agree with. */
export interface GateThreshold {
  path: CardPath;
  /** The threshold in the unit of the condition's metric. */
  value: number;
  /** The threshold as written in the card (differs from `value` for `_seconds` metrics). */
  written: number;
}

/**
 * The threshold that bounds the same quantity as the metric: the gate's when it has one, else the
 * SLO's (a gate that disagrees with the SLO is its own finding).
 */
export function matchingThreshold(card: Pick<Card, 'get'>, metric: string): GateThreshold | undefined {
  return matchingThresholds(card, metric)[0];
}

/** Every gate and SLO threshold that bounds the same quantity as the metric, gate first. */
export function matchingThresholds(card: Pick<Card, 'get'>, metric: string): GateThreshold[] {
  const candidates: CardPath[] = [];
  const m = metric.toLowerCase();
  const fam = family(m);
  const pct = /p(\d+)/.exec(m)?.[1];
  const kind = unitKind(m);
  if (fam === 'latency' && (kind === 'ms' || kind === 's') && (pct === '95' || pct === '99')) {
    candidates.push(['gates', 'performance', `p${pct}_latency_ms`]);
    if (pct === '99') candidates.push(['slo', 'latency_p99_ms']);
  }
  if (fam === 'errors' && unitKind(m) === 'ratio') candidates.push(['gates', 'performance', 'max_error_share']);
  if (fam === 'timeouts' && unitKind(m) === 'ratio') candidates.push(['gates', 'performance', 'max_timeout_share']);
  if (fam === 'cost') candidates.push(['gates', 'cost', 'max_cost_per_useful_result']);
  const out: GateThreshold[] = [];
  // Gate latencies are in milliseconds; a `_seconds` metric compares in seconds.
  const scale = fam === 'latency' && kind === 's' ? 1 / 1000 : 1;
  for (const path of candidates) {
    const value = num(card.get(path));
    if (value !== undefined) out.push({ path, value: value * scale, written: value });
  }
  return out;
}

/** A canonical value expressed in the unit the condition was written in (`%` stays `%`). */
export function valueInUnitOf(c: Condition, canonical: number): number {
  const kind = c.metric ? unitKind(c.metric) : 'none';
  return kind === 'ratio' && c.unit === '%' ? canonical * 100 : canonical;
}
