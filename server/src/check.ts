/**
 * `check`: everything that can be said about a card without evidence — YAML, schema, the
 * anti-pattern rules and the project policy. The CLI and the language server both call this, so
 * they always agree.
 */
import { capFindings, compareFindings, type Finding } from './card/findings';
import { Card } from './card/model';
import { parseCard, type ParseLimits } from './card/parse';
import { checkPolicy } from './policy/check';
import type { Policy } from './policy/types';
import { runRules, type RuleOptions } from './rules/engine';
import { validateSchema } from './schema/validate';

/** Options of checking a parsed card: the rules', and the project policy the card must not cross. */
export interface CardCheckOptions extends RuleOptions {
  policy?: Policy;
}

/** Options of one check. */
export interface CheckOptions extends CardCheckOptions {
  limits?: Partial<ParseLimits>;
}

/** A checked card and everything found in it, ordered by position (at most MAX_FINDINGS and one closing finding). */
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
  const steps = checkSteps(card, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same check as a sequence of steps: the generator pauses after schema validation, so the
 * language server can answer requests in between and drop a check that a newer edit made stale.
 */
export function* checkSteps(card: Card, options: CardCheckOptions = {}): Generator<void, CheckResult, void> {
  const findings = [...card.parsed.findings];
  const omitted = { ...card.parsed.omitted };
  if (card.parsed.structural) {
    const schema = validateSchema(card);
    findings.push(...schema.findings);
    omitted.error += schema.omitted;
    yield;
    findings.push(...runRules(card, options));
    findings.push(...checkPolicy(card, options.policy, options.now));
  }
  return { card, findings: capFindings(findings.sort(compareFindings), omitted) };
}
