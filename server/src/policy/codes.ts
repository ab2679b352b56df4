/** Codes of findings where a card crosses the project policy, with their severity and summary. */
import { type CodeInfo, hasCode } from '../card/codes';

/** Every policy code. They are errors: a policy floor is a limit the organisation set, not advice. */
export const POLICY_CODES = {
  'policy-floor': { severity: 'error', summary: 'A threshold is looser than the floor the project policy sets for it.' },
  'policy-canary-steps': { severity: 'error', summary: 'The canary has fewer steps before full traffic than the project policy requires.' },
  'policy-required-gate': { severity: 'error', summary: 'A gate the project policy requires is not computed: missing, asserted or deferred.' },
  'policy-deferral-days': { severity: 'error', summary: 'A deferral runs longer than the project policy allows.' },
} as const satisfies Record<string, CodeInfo>;

/** A policy code. */
export type PolicyCode = keyof typeof POLICY_CODES;

/** True when a string is a policy code. */
export function isPolicyCode(code: string): code is PolicyCode {
  return hasCode(POLICY_CODES, code);
}

/** Where the policy is documented: a page of the package's docs/, like the rule pages (see rules/links.ts). */
export const POLICY_DOC_HREF = 'docs/review.md#policy-floors';
