/**
 * The codes of findings the rollout commands emit (a drifting hand-written template, a canary
 * verdict), with their default severity and summary, for every output format.
 */
import { type CodeInfo, hasCode } from '../card/codes';

/** Every rollout code. */
export const ROLLOUT_CODES = {
  'rollout-template-drift': { severity: 'error', summary: 'A hand-written AnalysisTemplate disagrees with the auto-rollback conditions of the card.' },
  'rollout-template-extra': { severity: 'info', summary: 'An AnalysisTemplate metric has no auto-rollback condition in the card.' },
  'rollout-not-expressible': { severity: 'error', summary: 'The rollout of the card cannot be generated or judged as written.' },
  'canary-rollback': { severity: 'error', summary: 'An auto-rollback condition holds on the live canary: roll it back.' },
  'canary-hold': { severity: 'warning', summary: 'The live canary cannot be cleared yet: hold it at its step.' },
} as const satisfies Record<string, CodeInfo>;

/** A rollout code. */
export type RolloutCode = keyof typeof ROLLOUT_CODES;

/** True when a string is a rollout code. */
export function isRolloutCode(code: string): code is RolloutCode {
  return hasCode(ROLLOUT_CODES, code);
}
