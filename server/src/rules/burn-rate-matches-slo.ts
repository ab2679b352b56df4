/**
 * Multiwindow burn-rate alerts derive from the SLO: factor = budget share × period / long window
 * (for 99.9 % over 30 days: 14.4× over 1h/5m, 6× over 6h/30m, 1× over 3d/6h), capped for low
 * objectives so no alert needs more than half of the requests failing. A profile copied from another
 * SLO pages too late, too often, or never; so does a minimum-traffic guard above the traffic the
 * release was tested for. The expected profile is the one the observability gate checks and the
 * `alerts` command writes (`server/src/slo`).
 */
import type { Card } from '../card/model';
import { replaceFix } from './fixes';
import type { Report } from './types';
import { defineRule } from './types';
import {
  type BurnRateWindow, type SloSpec, burnRateProfile, canNeverFire, factorCap, factorsMatch, neverFiresReason, oneFailureRate,
  parseDurationSeconds, percentText, rateText, sloFromCard,
} from '../slo';
import { fmt, list, num, obj, str } from './values';

const WINDOWS = ['gates', 'observability', 'burn_rate_windows'];

/** Flags windows whose factor, severity or short window disagree with the SLO, factors that can never fire, and a guard that mutes every alert. */
export const burnRateMatchesSlo = defineRule({
  meta: {
    id: 'burn-rate-matches-slo',
    severity: 'error',
    summary: 'A burn-rate alert window is inconsistent with the SLO (factor, windows, severity) or can never fire.',
    fix: 'replace',
  },
  check(card, report) {
    const slo = sloFromCard(card.get(['slo']));
    if (!('problem' in slo)) checkGuard(card, slo, report);
    const windows = card.get(WINDOWS);
    if (!Array.isArray(windows)) return;
    if ('problem' in slo) {
      report(card.anchor(WINDOWS), `Burn-rate windows are given but ${slo.problem}. A burn rate is a multiple of the error budget, so without an objective the factors mean nothing and nobody can tell whether the alerts can fire. Fix the SLO first.`);
      return;
    }
    const profile = burnRateProfile(slo);
    list(windows).forEach((w, i) => checkWindow(card, i, obj(w), slo, profile, report));
  },
});

function checkWindow(card: Card, i: number, w: Record<string, unknown> | undefined, slo: SloSpec, profile: readonly BurnRateWindow[], report: Report): void {
  if (!w) return;
  const base = [...WINDOWS, i];
  const factor = num(w['factor']);
  const longText = str(w['long_window']) ?? '';
  const longSeconds = parseDurationSeconds(longText);
  const factorNode = card.node([...base, 'factor']);
  if (factor === undefined || longSeconds === undefined || !factorNode) return;
  // The derived profile (the Workbook's policy, capped) is the one place these windows are defined.
  const std = profile.find((b) => b.longSeconds === longSeconds);
  if (canNeverFire(factor, slo.objectivePercent)) {
    const use = std?.factor ?? factorCap(slo.objectivePercent);
    report(factorNode, `F${neverFiresReason(factor, slo.objectivePercent).slice(1)}. Use ${fmt(use)}${std ? ` (the derived profile's factor for ${longText}${std.cappedFrom !== undefined ? ', capped at half the fastest possible burn' : ''})` : ' (half the fastest possible burn)'}; low-traffic and batch services need their own profile.`, {
      fixes: [replaceFix(card, factorNode, fmt(use), `Use factor ${fmt(use)}`, true)],
    });
    return;
  }
  if (!std) return;
  if (!factorsMatch(factor, std.factor)) {
    report(factorNode, `Factor ${fmt(factor)} over ${longText} does not match the SLO: ${expectation(std, slo, longText)}. A wrong factor pages too late or too often. Use ${fmt(std.factor)}.`, {
      fixes: [replaceFix(card, factorNode, fmt(std.factor), `Use factor ${fmt(std.factor)}`, true)],
    });
    return;
  }
  checkShape(card, base, w, std, longText, report);
}

/** Where the expected factor comes from, in one clause. */
function expectation(std: BurnRateWindow, slo: SloSpec, longText: string): string {
  const days = fmt(slo.periodDays);
  if (std.cappedFrom === undefined) return `spending ${percentText(std.budgetShare ?? 0)} of a ${days}-day budget in ${longText} is a burn rate of ${fmt(std.factor)} (budget share × period / long window)`;
  return `the policy's ${fmt(std.cappedFrom)} would need an error ratio of ${percentText(std.cappedFrom * (100 - slo.objectivePercent) / 100)} for a ${fmt(slo.objectivePercent)} % SLO, so the profile caps it at ${fmt(std.factor)} (half the fastest possible burn), which detects ${percentText(std.budgetShare ?? 0)} of a ${days}-day budget in ${longText}`;
}

/** Severity and short window of a standard long window. */
function checkShape(card: Card, base: (string | number)[], w: Record<string, unknown>, std: BurnRateWindow, longText: string, report: Report): void {
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

/** A minimum-traffic guard at or above the load the release was tested for mutes every burn-rate alert. */
function checkGuard(card: Card, slo: SloSpec, report: Report): void {
  const rate = num(card.get(['slo', 'min_request_rate']));
  const load = num(card.get(['gates', 'performance', 'target_load_rps']));
  const node = card.node(['slo', 'min_request_rate']);
  if (rate === undefined || load === undefined || !(rate > 0) || !(load > 0) || rate < load || !node) return;
  const oneFailure = oneFailureRate(burnRateProfile(slo), slo.objectivePercent);
  report(node, `slo.min_request_rate ${fmt(rate)} req/s is at or above the ${fmt(load)} req/s the release was load-tested for (gates.performance.target_load_rps): the burn-rate alerts fire only while the long window averaged at least that much traffic, so below that peak no SLO alert can fire. Use a rate well below the expected traffic, or remove the key for the default (${rateText(oneFailure)}, the rate below which one failed request would fire on its own).`);
}
