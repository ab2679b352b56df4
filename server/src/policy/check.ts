/**
 * Checks a card against the project policy: each threshold no looser than its floor, enough canary
 * steps, the required gates computed, deferrals no longer than allowed. `check`, `run`, `review`
 * and the editor all call this, so a card crosses the policy in every face or in none.
 */
import type { Finding } from '../card/findings';
import type { Card } from '../card/model';
import type { CardNode } from '../card/positions';
import { isLooser } from '../schema/directions';
import { POLICY_CODES, POLICY_DOC_HREF, type PolicyCode } from './codes';
import { thresholdText } from './format';
import { expandFloor, floorValue } from './paths';
import type { Policy, PolicyFloor } from './types';

const DAY_MS = 86_400_000;

/** Every way the card crosses the policy, as findings on the card's own nodes. */
export function checkPolicy(card: Card, policy: Policy | undefined, now: Date = new Date()): Finding[] {
  if (!policy || !card.parsed.structural) return [];
  const out: Finding[] = [];
  const report = (code: PolicyCode, node: CardNode, message: string): void => {
    out.push({ code, severity: POLICY_CODES[code].severity, message, range: card.range(node), href: POLICY_DOC_HREF });
  };
  for (const floor of policy.floors) checkFloor(card, floor, report);
  if (policy.minCanarySteps !== undefined) checkCanarySteps(card, policy.minCanarySteps, report);
  for (const gate of policy.requiredGates ?? []) checkRequiredGate(card, gate, report);
  if (policy.maxDeferralDays !== undefined) checkDeferralDays(card, policy.maxDeferralDays, now, report);
  return out;
}

type Reporter = (code: PolicyCode, node: CardNode, message: string) => void;

/** "an upper limit may not be set above 800 ms". */
export function floorPhrase(floor: PolicyFloor, key: string): string {
  const limit = thresholdText(key, floor.limit);
  return floor.direction === 'max' ? `at most ${limit} (an upper limit may not be set above it)` : `at least ${limit} (a lower limit may not be set below it)`;
}

/** One floor over every place its pattern matches in the card. */
function checkFloor(card: Card, floor: PolicyFloor, report: Reporter): void {
  for (const path of expandFloor(card, floor)) {
    const key = String(path[path.length - 1]);
    const value = floorValue(card, path);
    const shown = path.join('.');
    if (value.kind === 'missing') {
      report('policy-floor', card.anchor(path), `${shown} is not set, so nothing holds the release to it; the project policy (${floor.path}) requires ${floorPhrase(floor, key)}. Set ${key} to ${thresholdText(key, floor.limit)} or stricter.`);
      continue;
    }
    if (value.kind !== 'number' || !isLooser(floor.direction, floor.limit, value.value)) continue;
    report('policy-floor', card.node(path) ?? card.anchor(path), `${shown} is ${thresholdText(key, value.value)}${value.defaulted ? ' (the default, as the card does not set it)' : ''}, looser than the project policy allows: ${floor.path} must be ${floorPhrase(floor, key)}. The organisation fixed this floor for every release; tighten the threshold to ${thresholdText(key, floor.limit)} or stricter, or change the policy in .release-gates.yaml through its owners.`);
  }
}

/** The canary's steps below full traffic: the ones that limit the blast radius. */
function checkCanarySteps(card: Card, min: number, report: Reporter): void {
  const steps = card.get(['rollout', 'steps']);
  const numbers = Array.isArray(steps) ? steps.filter((s): s is number => typeof s === 'number') : [];
  const canary = numbers.filter((s) => s < 100);
  if (canary.length >= min) return;
  const node = card.node(['rollout', 'steps']) ?? card.anchor(['rollout', 'steps']);
  const written = Array.isArray(steps) ? `[${numbers.join(', ')}] has ${canary.length} step${canary.length === 1 ? '' : 's'} below 100 %` : 'the card has no canary steps';
  report('policy-canary-steps', node, `rollout.steps: ${written}; the project policy requires at least ${min} before full traffic, so that a bad release is caught while few users see it. Add steps, e.g. [${suggestSteps(min).join(', ')}].`);
}

/** Familiar canary ladders by number of steps; longer ones are spread evenly. */
const LADDERS: readonly (readonly number[])[] = [[], [10], [10, 50], [5, 25, 50], [5, 10, 25, 50], [1, 5, 10, 25, 50]];

/** A rising ladder of `n` canary steps, then 100. */
function suggestSteps(n: number): number[] {
  const ladder = LADDERS[n] ?? Array.from({ length: n }, (_, i) => Math.round(((i + 1) * 100) / (n + 1)));
  return [...ladder, 100];
}

/** A required gate must be defined (computed from evidence), neither asserted nor deferred. */
function checkRequiredGate(card: Card, gate: string, report: Reporter): void {
  const def = card.get(['gates', gate]);
  const defined = def !== null && typeof def === 'object' && !Array.isArray(def);
  const deferrals = card.get(['deferrals']);
  const deferral = Array.isArray(deferrals) ? deferrals.findIndex((d) => (d as { gate?: unknown } | null)?.gate === gate) : -1;
  const why = 'the project policy requires it for every release, and a gate that is not computed from evidence proves nothing';
  if (deferral >= 0) {
    report('policy-required-gate', card.node(['deferrals', deferral]) ?? card.anchor(['deferrals']), `The ${gate} gate is deferred, but ${why}. Define gates.${gate} with its thresholds and evidence and remove the deferral.`);
  } else if (!defined && card.get(['gates', `${gate}_gate`]) !== undefined) {
    report('policy-required-gate', card.anchor(['gates', `${gate}_gate`]), `The ${gate} gate is only asserted (gates.${gate}_gate), but ${why}. Replace the assertion by a gates.${gate} definition.`);
  } else if (!defined) {
    report('policy-required-gate', card.anchor(['gates']), `The card does not define the ${gate} gate, but ${why}. Add gates.${gate} with its thresholds and evidence.`);
  }
}

/** Each deferral's deadline at most `max` days after now. */
function checkDeferralDays(card: Card, max: number, now: Date, report: Reporter): void {
  const deferrals = card.get(['deferrals']);
  if (!Array.isArray(deferrals)) return;
  deferrals.forEach((d, i) => {
    const deadline = (d as { deadline?: unknown } | null)?.deadline;
    if (typeof deadline !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) return;
    const time = Date.parse(`${deadline}T23:59:59Z`);
    if (Number.isNaN(time)) return;
    const days = Math.ceil((time - now.getTime()) / DAY_MS);
    if (days <= max) return;
    const gate = String((d as { gate?: unknown }).gate ?? 'a gate');
    report('policy-deferral-days', card.node(['deferrals', i, 'deadline']) ?? card.anchor(['deferrals', i]), `The deferral of ${gate} runs to ${deadline}, ${days} days from now; the project policy allows at most ${max} days, so a deferred gate cannot become permanent. Move the deadline to ${isoDay(new Date(now.getTime() + max * DAY_MS))} or earlier.`);
  });
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
