/**
 * `check`: everything that can be said about a card without evidence — YAML, schema, the
 * anti-pattern rules and the project policy. The CLI and the language server both call this, so
 * they always agree.
 */
import { compareFindings, type Finding } from './card/findings';
import { Card } from './card/model';
import { parseCard, type ParseLimits } from './card/parse';
import { checkPolicy } from './policy/check';
import type { Policy } from './policy/types';
import { runRules, type RuleOptions } from './rules/engine';
import { validateCard } from './schema/validate';

/** Options of checking a parsed card: the rules', and the project policy the card must not cross. */
export interface CardCheckOptions extends RuleOptions {
  policy?: Policy;
}

/** Options of one check. */
export interface CheckOptions extends CardCheckOptions {
  limits?: Partial<ParseLimits>;
}

/** A checked card and everything found in it, ordered by position. */
export interface CheckResult {
  card: Card;
  findings: Finding[];
}

/** Parses, validates and lints one card's text. */
export function checkText(source: string, text: string, options: CheckOptions = {}): CheckResult {
  return checkCard(new Card(source, parseCard(text, options.limits)), options);
}

/** Validates and lints an already parsed card (a caller that needed the card first parses once). */
export function checkCard(card: Card, options: CardCheckOptions = {}): CheckResult {
  const findings = [...card.parsed.findings];
  if (card.parsed.structural) {
    findings.push(...validateCard(card));
    findings.push(...runRules(card, options));
    findings.push(...checkPolicy(card, options.policy, options.now));
  }
  return { card, findings: findings.sort(compareFindings) };
}
