/**
 * Runs every registered rule over a card: resolves severities (`off` skips a rule), locates each
 * report through the card's position converter, links the rule's documentation, attaches fixes
 * (always including a suppression comment), and applies inline suppressions.
 */
import type { Finding, Fix, Severity } from '../card/findings';
import type { Card } from '../card/model';
import type { CardNode } from '../card/positions';
import type { RunRecord } from '../records/record';
import { commentAboveFix } from './fixes';
import { ruleDocHref } from './links';
import { RULES, RULE_IDS, type RuleId } from './registry';
import { applySuppressions, SUPPRESSION_CODES, SUPPRESSION_DIRECTIVE, type SuppressionCode } from './suppressions';
import type { ReportOptions, Rule } from './types';

/** Options of one rule run. */
export interface RuleOptions {
  /** Per-code severity overrides (rule ids and suppression codes); `off` disables. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
  /** The time deadlines and drill ages are measured against; defaults to the current time. */
  now?: Date;
  /** The card's run record, for rules about what earlier runs found. */
  record?: RunRecord;
  /** Why the record no longer describes the card, when the caller compared them. */
  staleReason?: string;
  /** Called when a rule throws (a bug): the other rules still run. Defaults to logging the stack. */
  onRuleError?: (id: RuleId, error: unknown) => void;
}

/** Runs all rules and returns their findings, suppressions applied. */
export function runRules(card: Card, options: RuleOptions = {}): Finding[] {
  const now = options.now ?? new Date();
  const findings: Finding[] = [];
  // Looked up once: searching the whole text for each finding was quadratic in a large card.
  const crlf = card.index.text.includes('\r\n');
  const enabled = new Set<string>();
  for (const rule of RULES as readonly Rule<RuleId>[]) {
    const severity = severityFor(rule.meta.id, rule.meta.severity, options.severities);
    if (severity === 'off') continue;
    enabled.add(rule.meta.id);
    const report = (node: CardNode, message: string, opts?: ReportOptions): void => {
      findings.push(makeFinding(card, rule.meta.id, severity, node, message, crlf, opts));
    };
    try {
      rule.check(card, report, { now, ...(options.record ? { record: options.record } : {}), ...(options.staleReason !== undefined ? { staleReason: options.staleReason } : {}) });
    } catch (error) {
      (options.onRuleError ?? logRuleError)(rule.meta.id, error);
    }
  }
  return applySuppressions(findings, {
    card,
    knownIds: RULE_IDS,
    enabledIds: enabled,
    severityOf: (code: SuppressionCode) => severityFor(code, SUPPRESSION_CODES[code].severity, options.severities),
  });
}

/** The configured severity of a code, or its default. */
function severityFor(id: string, fallback: Severity, overrides: RuleOptions['severities']): Severity | 'off' {
  const configured = overrides && Object.prototype.hasOwnProperty.call(overrides, id) ? overrides[id] : undefined;
  return configured ?? fallback;
}

/** Builds one finding: exact range, doc link, the rule's fixes, then the suppression fix. */
function makeFinding(card: Card, id: RuleId, severity: Severity, node: CardNode, message: string, crlf: boolean, opts?: ReportOptions): Finding {
  const range = card.range(node);
  const fixes: Fix[] = (opts?.fixes ?? []).filter((f): f is Fix => f !== undefined);
  fixes.push(commentAboveFix(card, range.start.line, `${SUPPRESSION_DIRECTIVE} ${id} -- <reason>`, `Suppress ${id} on this line (state the reason)`));
  return { code: id, severity, message, range, href: ruleDocHref(id), fixes: crlf ? withCrlf(fixes) : fixes };
}

/** Fixes are built with `\n`; a CRLF card gets CRLF in inserted lines so its endings stay uniform. */
function withCrlf(fixes: Fix[]): Fix[] {
  return fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, '\r\n') })) }));
}

/** A rule crash is a bug in Release Gates, not in the card: log it with its stack and go on. */
function logRuleError(id: RuleId, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`release-gates: rule ${id} failed (a bug; please report it): ${detail}`);
}
