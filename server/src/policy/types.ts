/**
 * The project policy of `.release-gates.yaml`: limits that no release card in the project may
 * cross, set once by the organisation. Plain data (it travels to the gate worker as is).
 */
import type { Direction } from '../schema/keywords';

/** The loosest value a card may set for one threshold. */
export interface PolicyFloor {
  /** The card path pattern as written in the policy (`gates.quality.slices.*.non_inferiority_delta`). */
  path: string;
  /** Its segments; `*` matches any list item or mapping key. */
  segments: string[];
  /** The loosest allowed value, in the threshold's own unit. */
  limit: number;
  /** The threshold's direction, from the card schema: `max` may not go above the limit, `min` not below. */
  direction: Direction;
}

/** The policy in effect (every part optional; an empty policy checks nothing). */
export interface Policy {
  floors: PolicyFloor[];
  /** Fewest canary steps (steps below 100 %) before full traffic. */
  minCanarySteps?: number;
  /** Gates every card must compute (not assert, not defer). */
  requiredGates?: string[];
  /** Longest a deferral may run, in days from the check's "now" to its deadline. */
  maxDeferralDays?: number;
}

/** True when a policy has nothing to check. */
export function isEmptyPolicy(policy: Policy | undefined): boolean {
  return !policy || (policy.floors.length === 0 && policy.minCanarySteps === undefined && policy.requiredGates === undefined && policy.maxDeferralDays === undefined);
}
