/**
 * One lookup for the metadata of any finding code: rule ids, suppression codes, project-config
 * codes, the card-reading codes, policy and review codes. Every output format (SARIF, JUnit,
 * explain) reads it here.
 */
import { CARD_CODES, isCardCode } from '../card/codes';
import type { Severity } from '../card/findings';
import { CONFIG_CODES, isConfigCode } from '../config/codes';
import { docHref, ruleDocHref } from '../rules/links';
import { ruleById } from '../rules/registry';
import { SUPPRESSION_CODES, type SuppressionCode } from '../rules/suppressions';
import { isRolloutCode, ROLLOUT_CODES } from '../rollout/codes';
import { isPolicyCode, POLICY_CODES, POLICY_DOC_HREF } from '../policy/codes';
import { isReviewCode, REVIEW_CODES } from '../review/codes';
import { VERDICT_CODE } from '../verdict/verdict';

/** What every output needs to know about a code. */
export interface CodeDescription {
  summary: string;
  /** Documentation page, when the code has one: its path in the package (`docs/rules/<id>.md`). */
  href?: string;
  /** The command that prints the page, for codes `release-gates explain` knows. */
  explain?: string;
  /** Default severity. */
  severity: Severity;
}

/** What the verdict code stands for in CI reports. */
const VERDICT_SUMMARY = 'The release must not take traffic: the card does not match the schema, an error-level rule finding is open, or a required gate failed or could not decide.';

/** Metadata of a code; unknown codes (a newer engine's, a gate check's) get a neutral description. */
export function describeCode(code: string): CodeDescription {
  const rule = ruleById(code);
  if (rule) return { summary: rule.meta.summary, href: ruleDocHref(code), explain: `release-gates explain ${code}`, severity: rule.meta.severity };
  if (Object.prototype.hasOwnProperty.call(SUPPRESSION_CODES, code)) {
    const info = SUPPRESSION_CODES[code as SuppressionCode];
    return { summary: info.summary, href: ruleDocHref(code), explain: `release-gates explain ${code}`, severity: info.severity };
  }
  if (isConfigCode(code)) return { summary: CONFIG_CODES[code].summary, severity: CONFIG_CODES[code].severity };
  if (isCardCode(code)) return { summary: CARD_CODES[code].summary, severity: CARD_CODES[code].severity };
  if (isRolloutCode(code)) return { summary: ROLLOUT_CODES[code].summary, href: docHref('rollout.md'), severity: ROLLOUT_CODES[code].severity };
  if (isPolicyCode(code)) return { summary: POLICY_CODES[code].summary, href: POLICY_DOC_HREF, severity: POLICY_CODES[code].severity };
  if (isReviewCode(code)) return { summary: REVIEW_CODES[code].summary, href: docHref(`review.md#${code}`), severity: REVIEW_CODES[code].severity };
  if (code === VERDICT_CODE) return { summary: VERDICT_SUMMARY, href: docHref('card.md#when-may-a-release-take-traffic'), severity: 'error' };
  return { summary: code, severity: 'error' };
}
