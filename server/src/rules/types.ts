/**
 * The contract between the rule engine and each anti-pattern rule. A rule sees only the parsed
 * card and, when the caller read one, the card's run record (no file system, no network, no clock
 * except the injected `now`) and reports on card nodes; the engine turns reports into located findings.
 */
import type { Fix, Severity } from '../card/findings';
import type { Card } from '../card/model';
import type { CardNode } from '../card/positions';
import type { RunRecord } from '../records/record';

/**
 * What kind of quick fix a rule offers besides the suppression comment every rule gets:
 * `replace` rewrites a value in place, `skeleton` inserts a missing section with placeholders
 * to fill in, `none` offers only the suppression.
 */
export type FixKind = 'none' | 'replace' | 'skeleton';

/** The one declaration of a rule's identity and defaults. */
export interface RuleMeta<Id extends string = string> {
  id: Id;
  /** Default severity; users change it per rule in settings or `.release-gates.yaml`. */
  severity: Severity;
  /** One line: the anti-pattern the rule catches. */
  summary: string;
  fix: FixKind;
  /**
   * The gate checks that state the same fact as this rule. Where gate results are shown beside
   * the rule's findings (a run's report, the editor after a run), a finding of this rule is left
   * out while one of these checks failed or could not decide: one fact, one finding.
   */
  coveredBy?: { gate: string; checks: readonly string[] };
}

/** Extra data a rule may attach to a report. */
export interface ReportOptions {
  fixes?: (Fix | undefined)[];
}

/** Reports one problem on a card node (a value, or a pair for its key). */
export type Report = (node: CardNode, message: string, options?: ReportOptions) => void;

/** What a rule may know besides the card. */
export interface RuleContext {
  /** The time deadlines and drill ages are measured against (injected, so tests are stable). */
  now: Date;
  /** The run record beside the card, when there is a readable one. */
  record?: RunRecord;
  /** Why that record no longer describes the card (bundle or evidence changed); absent when it does. */
  staleReason?: string;
}

/** One anti-pattern rule, packaged. */
export interface Rule<Id extends string = string> {
  meta: RuleMeta<Id>;
  check(card: Card, report: Report, context: RuleContext): void;
}

/** Declares a rule while keeping its id as a string literal type for the registry. */
export function defineRule<const Id extends string>(rule: Rule<Id>): Rule<Id> {
  return rule;
}
