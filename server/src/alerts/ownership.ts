/**
 * Who is woken or ticketed by each generated burn-rate alert, and which runbook they follow. Taken
 * from the card (`gates.observability.alerts`, then the gate's and the card's `owner`); a missing
 * runbook or owner is a located problem, because an alert nobody owns is noise at 3 a.m.
 */
import type { Card, CardPath } from '../card/model';
import type { BurnSeverity } from '../slo';

/** The identity of one generated alert. */
export interface AlertIdentity {
  name: string;
  owner: string;
  runbook: string;
}

/** A problem in the card that keeps the command from writing rules, at the card path it is about. */
export interface AlertsProblem {
  at: CardPath;
  message: string;
}

const ALERTS: CardPath = ['gates', 'observability', 'alerts'];

/** A non-empty string, or undefined. */
function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The card's alert entry for this burn-rate alert: same name, else same severity and a burn/budget/SLO name. */
function cardEntry(card: Card, severity: BurnSeverity, defaultName: string): { index: number; entry: Record<string, unknown> } | undefined {
  const list = card.get(ALERTS);
  if (!Array.isArray(list)) return undefined;
  const entries = list.map((e: unknown, index) => ({ index, entry: (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown> }));
  return entries.find((e) => e.entry.name === defaultName)
    ?? entries.find((e) => e.entry.severity === severity && /burn|budget|slo/i.test(String(e.entry.name ?? '')));
}

/** Resolves name, owner and runbook of the alert for one severity, or the problems that block it. */
export function alertIdentity(card: Card, severity: BurnSeverity, defaultName: string): AlertIdentity | AlertsProblem[] {
  const found = cardEntry(card, severity, defaultName);
  const name = text(found?.entry.name) ?? defaultName;
  const owner = text(found?.entry.owner) ?? text(card.get(['gates', 'observability', 'owner'])) ?? text(card.get(['owner']));
  const runbook = text(found?.entry.runbook);
  const at = (k: string): CardPath => (found ? [...ALERTS, found.index, k] : ALERTS);
  const problems: AlertsProblem[] = [];
  const declare = found ? '' : ` Declare it under gates.observability.alerts as { name: ${name}, severity: ${severity}, owner: <team>, runbook: <url or path> }.`;
  if (owner === undefined) {
    problems.push({ at: found ? at('owner') : ['owner'], message: `The ${severity} burn-rate alert '${name}' has no owner (none on its alert entry, on gates.observability or on the card), so nobody would answer it; no rules were written.${declare}` });
  }
  if (runbook === undefined) {
    problems.push({ at: at('runbook'), message: `The ${severity} burn-rate alert '${name}' has no runbook, so whoever it wakes would not know what to do; no rules were written.${found ? ' Add runbook to its entry.' : declare}` });
  }
  return problems.length > 0 ? problems : { name, owner: owner as string, runbook: runbook as string };
}
