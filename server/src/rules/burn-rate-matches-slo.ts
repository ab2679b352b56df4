/**
 * Multiwindow burn-rate alerts derive from the SLO: factor = budget share × period / long window
 * (for 99.9 % over 30 days: 14.4× over 1h/5m, 6× over 6h/30m, 1× over 3d/6h). A profile copied from
 * another SLO pages too late, too often, or never.
 */
import type { Card } from '../card/model';
import { replaceFix } from './fixes';
import type { Report } from './types';
import { defineRule } from './types';
import { burnRateFactor, DEFAULT_BUDGET_WINDOWS, factorsMatch, parseDurationSeconds, roundFactor, type BudgetWindow } from '../slo';
import { fmt, list, num, obj, str } from './values';

/** Flags windows whose factor, severity or short window disagree with the SLO, and factors that can never fire. */
export const burnRateMatchesSlo = defineRule({
  meta: {
    id: 'burn-rate-matches-slo',
    severity: 'error',
    summary: 'A burn-rate alert window is inconsistent with the SLO (factor, windows, severity) or can never fire.',
    fix: 'replace',
  },
  check(card, report) {
    const windows = card.get(['gates', 'observability', 'burn_rate_windows']);
    if (!Array.isArray(windows)) return;
    const objective = num(card.get(['slo', 'objective_percent']));
    if (objective === undefined || objective <= 0 || objective >= 100) {
      report(card.anchor(['gates', 'observability', 'burn_rate_windows']), 'Burn-rate windows are given but the card has no SLO (slo.objective_percent). A burn rate is a multiple of the error budget, so without an objective the factors mean nothing. Fix the SLO first.');
      return;
    }
    const periodHours = (num(card.get(['slo', 'period_days'])) ?? 30) * 24;
    list(windows).forEach((w, i) => checkWindow(card, i, obj(w), { budget: 1 - objective / 100, periodHours, objective }, report));
  },
});

interface Slo {
  budget: number;
  periodHours: number;
  objective: number;
}

function checkWindow(card: Card, i: number, w: Record<string, unknown> | undefined, slo: Slo, report: Report): void {
  if (!w) return;
  const base = ['gates', 'observability', 'burn_rate_windows', i];
  const factor = num(w['factor']);
  const longText = str(w['long_window']) ?? '';
  const longSeconds = parseDurationSeconds(longText);
  const factorNode = card.node([...base, 'factor']);
  if (factor === undefined || longSeconds === undefined || !factorNode) return;
  if (factor * slo.budget > 1) {
    report(factorNode, `Factor ${fmt(factor)} × an error budget of ${fmt(slo.budget * 100)} % means an error ratio above ${fmt(factor * slo.budget * 100)} %: this alert can never fire. Recompute the profile for a ${fmt(slo.objective)} % SLO (low-traffic and batch services need their own).`);
    return;
  }
  // The standard profile (the SRE Workbook's policy) is the one place these windows are defined.
  const std = DEFAULT_BUDGET_WINDOWS.find((b) => parseDurationSeconds(b.longWindow) === longSeconds);
  if (!std) return;
  const expected = roundFactor(burnRateFactor(std.budgetShare, slo.periodHours / 24, longSeconds));
  if (!factorsMatch(factor, expected)) {
    report(factorNode, `Factor ${fmt(factor)} over ${longText} does not match the SLO: spending ${fmt(std.budgetShare * 100)} % of a ${fmt(slo.periodHours / 24)}-day budget in ${longText} is a burn rate of ${fmt(expected)} (budget share × period / long window). A wrong factor pages too late or too often. Use ${fmt(expected)}.`, {
      fixes: [replaceFix(card, factorNode, fmt(expected), `Use factor ${fmt(expected)}`, true)],
    });
    return;
  }
  checkShape(card, base, w, std, longText, report);
}

/** Severity and short window of a standard long window. */
function checkShape(card: Card, base: (string | number)[], w: Record<string, unknown>, std: BudgetWindow, longText: string, report: Report): void {
  const shortNode = card.node([...base, 'short_window']);
  const short = str(w['short_window']);
  if (short !== undefined && short !== std.shortWindow && shortNode) {
    report(shortNode, `Short window ${short} with long window ${longText}: the short window (1/12 of the long one, ${std.shortWindow}) makes the alert stop soon after the burn stops; another length either resets too slowly or flaps. Use ${std.shortWindow}.`, {
      fixes: [replaceFix(card, shortNode, std.shortWindow, `Use ${std.shortWindow}`, true)],
    });
  }
  const sevNode = card.node([...base, 'severity']);
  const severity = str(w['severity']);
  if (severity !== undefined && severity !== std.severity && sevNode) {
    report(sevNode, `A ${longText} burn-rate alert is a ${std.severity} in the standard profile, not a ${severity}: ${std.severity === 'page' ? 'a fast burn exhausts the budget before working hours' : 'a slow burn does not justify waking someone up'}. Use ${std.severity}.`, {
      fixes: [replaceFix(card, sevNode, std.severity, `Use ${std.severity}`, true)],
    });
  }
}
