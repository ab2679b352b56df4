/**
 * `alerts` core: Prometheus recording and alerting rules for a card's SLO from the one burn-rate
 * model in `server/src/slo` (profile, factors, rounding, PromQL shape), so the observability gate
 * always accepts what this writes. Pure: returns text or located problems, never touches files.
 */
import { stringify } from 'yaml';
import type { Card, CardPath } from '../card/model';
import { type BurnRateWindow, type BurnSeverity, burnRateExpr, burnRateProfile, objectiveFraction, sloFromCard, windowsFromCard } from '../slo';
import { type AlertIdentity, type AlertsProblem, alertIdentity } from './ownership';
import { sliRatio } from './sli';

/** Options of the generator. */
export interface AlertsOptions {
  /** Service name used in rule names; default the card's `labels.service`, else the model's name. */
  name?: string;
}

/** Generated rules, or the problems that kept them from being written. */
export type AlertsResult = { ok: true; text: string; alerts: GeneratedAlert[]; windows: BurnRateWindow[]; /** Rule group names in evaluation order. */ groups: string[] } | { ok: false; problems: AlertsProblem[] };

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

/** The profile the observability gate also expects: the gate's explicit windows, else the SLO's. */
function profileOf(card: Card, slo: { objectivePercent: number; periodDays: number }): BurnRateWindow[] | AlertsProblem {
  const explicit = windowsFromCard(card.get(['gates', 'observability', 'burn_rate_windows']));
  const first = explicit.problems[0];
  if (first) return { at: ['gates', 'observability', 'burn_rate_windows', first.index], message: `burn_rate_windows entry ${first.index + 1} cannot be read: it ${first.reason}.` };
  return explicit.windows.length > 0 ? explicit.windows : burnRateProfile(slo);
}

/** Generates the rules file text for a card. */
export function generateAlerts(card: Card, opts: AlertsOptions = {}): AlertsResult {
  const slo = sloFromCard(card.get(['slo']));
  if ('problem' in slo) return { ok: false, problems: [{ at: ['slo'], message: `No burn-rate alerts can be derived: ${slo.problem}. Fix the SLO; the alerts derive from it.` }] };
  const sli = sliRatio(card.get(['slo', 'sli']));
  if (!sli.ok) return { ok: false, problems: [{ at: ['slo', 'sli', ...(sli.at ? [sli.at] : [])] as CardPath, message: sli.message }] };
  const windows = profileOf(card, slo);
  if (!Array.isArray(windows)) return { ok: false, problems: [windows] };
  const service = serviceName(card, opts);
  const bySeverity = (['page', 'ticket'] as const).map((s) => ({ severity: s, windows: windows.filter((w) => w.severity === s) })).filter((g) => g.windows.length > 0);
  const identities = bySeverity.map((g) => alertIdentity(card, g.severity, `${pascalName(service)}ErrorBudgetBurn${g.severity === 'page' ? 'Fast' : 'Slow'}`));
  const problems = identities.flatMap((i) => (Array.isArray(i) ? i : []));
  if (problems.length > 0) return { ok: false, problems };
  const alerts = bySeverity.map((g, i): GeneratedAlert => {
    const id = identities[i] as AlertIdentity;
    return { ...id, severity: g.severity, annotations: annotationsOf(id, g.severity, g.windows, slo.objectivePercent) };
  });
  const series = (w: string): string => `${snakeName(service)}:slo_errors_per_request:ratio_rate${w}`;
  const distinct = [...new Map(windows.flatMap((w) => [[w.shortSeconds, w.shortWindow], [w.longSeconds, w.longWindow]] as const)).entries()].sort((a, b) => a[0] - b[0]);
  const records = distinct.map(([, w]) => ({ record: series(w), expr: sli.ratio(w) }));
  const rules = bySeverity.map((g, i) => alertRule(g.windows, alerts[i] as GeneratedAlert, slo.objectivePercent, series));
  const groups = [`${snakeName(service)}-slo-recordings`, `${snakeName(service)}-slo-alerts`];
  const doc = { groups: [{ name: groups[0], rules: records }, { name: groups[1], rules }] };
  return { ok: true, text: header(card, service, slo, windows) + stringify(doc, { lineWidth: 0 }), alerts, windows, groups };
}

/** Annotations of one alert: a summary, the pairs it checks, and the runbook. */
function annotationsOf(id: AlertIdentity, severity: BurnSeverity, windows: BurnRateWindow[], objectivePercent: number): Record<string, string> {
  const pairs = windows.map((w) => `${w.factor}x over ${w.longWindow}/${w.shortWindow}`).join(' or ');
  return {
    summary: `${id.name}: the error budget of the ${objectivePercent} % SLO is burning too fast`,
    description: `Error ratio above ${pairs} the budget ${objectiveFraction(100 - objectivePercent)} (${severity}).`,
    runbook_url: id.runbook,
  };
}

/** One alerting rule for all window pairs of a severity. */
function alertRule(windows: BurnRateWindow[], a: GeneratedAlert, objectivePercent: number, series: (w: string) => string): Record<string, unknown> {
  return { alert: a.name, expr: burnRateExpr(windows, objectivePercent, series), labels: { severity: a.severity, owner: a.owner }, annotations: a.annotations };
}

/** The file's header: where it came from and the profile it encodes. */
function header(card: Card, service: string, slo: { objectivePercent: number; periodDays: number }, windows: BurnRateWindow[]): string {
  const lines = [
    `# Generated by \`release-gates alerts\` for ${service} (release ${String(card.get(['release_id']) ?? '?')}). Regenerate instead of editing.`,
    `# SLO ${slo.objectivePercent} % over ${slo.periodDays} days; factor = budget share x period / long window, rounded half up to 3 decimals.`,
    ...windows.map((w) => `#   ${w.severity}: ${w.factor}x over ${w.longWindow} and ${w.shortWindow}${w.budgetShare !== undefined ? ` (${w.budgetShare * 100} % of the budget)` : ''}`),
  ];
  return `${lines.join('\n')}\n`;
}
