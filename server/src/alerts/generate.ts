/**
 * `alerts` core: Prometheus recording and alerting rules for a card's SLO from the one burn-rate
 * model in `server/src/slo` (profile, factors, rounding, capping for low objectives, minimum-traffic
 * guard, PromQL shape), so the observability gate always accepts what this writes. Pure: returns
 * text or located problems, never touches files.
 */
import { stringify } from 'yaml';
import type { Card, CardPath } from '../card/model';
import {
  type BurnRateWindow, type BurnSeverity, type PairGuard, type ProfileProblem, type SloSpec, type TrafficGuard,
  burnRateExpr, cappedNote, objectiveFraction, percentText, profileFromCard, rateText, trafficGuard,
} from '../slo';
import { type AlertIdentity, type AlertsProblem, alertIdentity } from './ownership';
import { type RequestRate, sliRatio } from './sli';

/** Options of the generator. */
export interface AlertsOptions {
  /** Service name used in rule names; default the card's `labels.service`, else the model's name. */
  name?: string;
}

/** Rules written for a card: the text and what it encodes. */
export interface GeneratedRules {
  ok: true;
  text: string;
  alerts: GeneratedAlert[];
  windows: BurnRateWindow[];
  /** Rule group names in evaluation order. */
  groups: string[];
  /** The minimum-traffic guard every pair carries (minRate 0: none). */
  guard: TrafficGuard;
  /** What a person should know about the profile (capped pairs, the guard), one sentence each. */
  notes: string[];
}

/** Generated rules, or the problems that kept them from being written. */
export type AlertsResult = GeneratedRules | { ok: false; problems: AlertsProblem[] };

/** One generated alerting rule: who owns it, its severity and its annotations. */
export interface GeneratedAlert extends AlertIdentity {
  severity: BurnSeverity;
  annotations: Record<string, string>;
}

/** The service name: option, `labels.service`, the model name of `artifacts.model_uri`, else `slo`. */
export function serviceName(card: Card, opts: AlertsOptions = {}): string {
  const label = card.get(['labels', 'service']);
  if (opts.name) return opts.name;
  if (typeof label === 'string' && label !== '') return label;
  const uri = card.get(['artifacts', 'model_uri']);
  const model = typeof uri === 'string' ? /^models:\/([^/@\s]+)/.exec(uri)?.[1] : undefined;
  return model ?? 'slo';
}

/** `churn-model` → `churn_model` (a valid metric-name part). */
export function snakeName(s: string): string {
  const out = s.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(out) ? out : `_${out}`;
}

/** `churn-model` → `ChurnModel` (an alert-name prefix). */
export function pascalName(s: string): string {
  return s.split(/[^A-Za-z0-9]+/).filter((p) => p !== '').map((p) => p[0]?.toUpperCase() + p.slice(1)).join('') || 'Slo';
}

const OBSERVABILITY: CardPath = ['gates', 'observability'];

/** A profile problem at the card path it is about. */
function located(p: ProfileProblem): AlertsProblem {
  const at: CardPath = p.index === undefined ? ['slo'] : [...OBSERVABILITY, 'burn_rate_windows', p.index, ...(p.field ? [p.field] : [])];
  return { at, message: `${p.message}. No rules were written.` };
}

/** The guard from `slo.min_request_rate` (or its default), or why it cannot be written. */
function guardOf(card: Card, requests: RequestRate, windows: readonly BurnRateWindow[], slo: SloSpec): TrafficGuard | AlertsProblem {
  const guard = trafficGuard(card.get(['slo', 'min_request_rate']), windows, slo.objectivePercent);
  if ('problem' in guard) return { at: ['slo', 'min_request_rate'], message: `${guard.problem}. No rules were written.` };
  if (guard.minRate > 0 && requests === undefined) {
    return {
      at: ['slo', 'sli', 'error_ratio_query'],
      message: `The minimum-traffic guard (${rateText(guard.minRate)}) needs the request rate, but slo.sli.error_ratio_query is not written as errors / requests (one top-level '/' over a rate with a range selector), so it cannot be read from it. Without the guard a low-traffic service pages on a single failed request. Write the query as sum(rate(errors[5m])) / sum(rate(requests[5m])), give good_query and total_query instead, or set slo.min_request_rate: 0 to alert without a guard; no rules were written.`,
    };
  }
  return guard;
}

/** Generates the rules file text for a card. */
export function generateAlerts(card: Card, opts: AlertsOptions = {}): AlertsResult {
  const sli = sliRatio(card.get(['slo', 'sli']));
  const profile = profileFromCard(card.get(['slo']), card.get([...OBSERVABILITY, 'burn_rate_windows']));
  if (profile.problems.length > 0 || !profile.slo) return { ok: false, problems: profile.problems.map(located) };
  if (!sli.ok) return { ok: false, problems: [{ at: ['slo', 'sli', ...(sli.at ? [sli.at] : [])] as CardPath, message: sli.message }] };
  const { slo, windows } = profile as { slo: SloSpec; windows: BurnRateWindow[] };
  const guard = guardOf(card, sli.requests, windows, slo);
  if ('at' in guard) return { ok: false, problems: [guard] };
  const service = serviceName(card, opts);
  const bySeverity = (['page', 'ticket'] as const).map((s) => ({ severity: s, windows: windows.filter((w) => w.severity === s) })).filter((g) => g.windows.length > 0);
  const identities = bySeverity.map((g) => alertIdentity(card, g.severity, `${pascalName(service)}ErrorBudgetBurn${g.severity === 'page' ? 'Fast' : 'Slow'}`));
  const problems = identities.flatMap((i) => (Array.isArray(i) ? i : []));
  if (problems.length > 0) return { ok: false, problems };
  const alerts = bySeverity.map((g, i): GeneratedAlert => {
    const id = identities[i] as AlertIdentity;
    return { ...id, severity: g.severity, annotations: annotationsOf(id, g.severity, g.windows, slo.objectivePercent, guard) };
  });
  const series = (w: string): string => `${snakeName(service)}:slo_errors_per_request:ratio_rate${w}`;
  const pairGuard: PairGuard = { minRate: guard.minRate, requestSeries: (w) => `${snakeName(service)}:slo_requests:rate${w}` };
  const rules = bySeverity.map((g, i) => alertRule(g.windows, alerts[i] as GeneratedAlert, slo.objectivePercent, series, pairGuard));
  const groups = [`${snakeName(service)}-slo-recordings`, `${snakeName(service)}-slo-alerts`];
  const doc = { groups: [{ name: groups[0], rules: recordings(windows, sli.ratio, series, guard.minRate > 0 ? { requests: sli.requests as (w: string) => string, series: pairGuard.requestSeries } : undefined) }, { name: groups[1], rules }] };
  const notes = [...windows.flatMap((w) => cappedNote(w, slo.objectivePercent) ?? []), guardNote(guard)];
  return { ok: true, text: header(card, service, slo, windows, notes) + stringify(doc, { lineWidth: 0 }), alerts, windows, groups, guard, notes };
}

/** Distinct windows, shortest first, as [seconds, text]. */
function distinct(pairs: readonly (readonly [number, string])[]): string[] {
  return [...new Map(pairs).entries()].sort((a, b) => a[0] - b[0]).map(([, w]) => w);
}

/** One error-ratio recording per window, then (with a guard) one request-rate recording per long window. */
function recordings(windows: readonly BurnRateWindow[], ratio: (w: string) => string, series: (w: string) => string, guard?: { requests: (w: string) => string; series: (w: string) => string }): Record<string, string>[] {
  const ratios = distinct(windows.flatMap((w) => [[w.shortSeconds, w.shortWindow], [w.longSeconds, w.longWindow]] as const)).map((w) => ({ record: series(w), expr: ratio(w) }));
  if (!guard) return ratios;
  return [...ratios, ...distinct(windows.map((w) => [w.longSeconds, w.longWindow] as const)).map((w) => ({ record: guard.series(w), expr: guard.requests(w) }))];
}

/** The guard in one sentence: the rate, where it comes from, and what it means. */
function guardNote(guard: TrafficGuard): string {
  if (guard.minRate === 0) return `No minimum-traffic guard (slo.min_request_rate: 0): below ${rateText(guard.oneFailureRate)} a single failed request fires an alert.`;
  const why = guard.source === 'default'
    ? 'the default: below it a single failed request would fire an alert on its own; set slo.min_request_rate to change it'
    : `slo.min_request_rate; below ${rateText(guard.oneFailureRate)} a single failed request would fire an alert on its own`;
  return `Minimum traffic: every pair also needs at least ${rateText(guard.minRate)} over its long window (${why}).`;
}

/** Annotations of one alert: a summary, the pairs it checks, and the runbook. */
function annotationsOf(id: AlertIdentity, severity: BurnSeverity, windows: BurnRateWindow[], objectivePercent: number, guard: TrafficGuard): Record<string, string> {
  const budget = `the error budget (${objectiveFraction(100 - objectivePercent)})`;
  const pairs = windows.map((w, i) => `${w.factor}x${i === 0 ? ` ${budget}` : ''} over ${w.longWindow} and ${w.shortWindow}`).join(', or above ');
  const traffic = guard.minRate > 0 ? `, while serving at least ${guard.minRate} req/s` : '';
  return {
    summary: `${id.name}: the error budget of the ${objectivePercent} % SLO is burning too fast`,
    description: `Error ratio above ${pairs}${traffic} (${severity}).`,
    runbook_url: id.runbook,
  };
}

/** One alerting rule for all window pairs of a severity. */
function alertRule(windows: BurnRateWindow[], a: GeneratedAlert, objectivePercent: number, series: (w: string) => string, guard: PairGuard): Record<string, unknown> {
  return { alert: a.name, expr: burnRateExpr(windows, objectivePercent, series, guard), labels: { severity: a.severity, owner: a.owner }, annotations: a.annotations };
}

/** The file's header: where it came from, the profile it encodes, and the notes. */
function header(card: Card, service: string, slo: SloSpec, windows: BurnRateWindow[], notes: readonly string[]): string {
  const lines = [
    `# Generated by \`release-gates alerts\` for ${service} (release ${String(card.get(['release_id']) ?? '?')}). Regenerate instead of editing.`,
    `# SLO ${slo.objectivePercent} % over ${slo.periodDays} days; factor = budget share x period / long window, rounded half up to 3 decimals.`,
    ...windows.map((w) => `#   ${w.severity}: ${w.factor}x over ${w.longWindow} and ${w.shortWindow}${w.budgetShare !== undefined ? ` (${percentText(w.budgetShare)} of the budget)` : ''}`),
    ...notes.map((n) => `# ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}
