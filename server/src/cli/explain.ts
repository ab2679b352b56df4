/**
 * `release-gates explain [<rule-id>]`: prints a rule's documentation page, or lists every rule with
 * its default severity and summary. Pages are read from `docs/rules`, found next to the bundle
 * (`dist/cli.js` → `../docs/rules`) or in the source tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_IDS } from '../rules/registry';
import { SUPPRESSION_CODES } from '../rules/suppressions';
import { closest } from '../schema/suggest';
import { defineCommand, EXIT, type CliIO, type ParsedArgs, usageError } from './io';

/** Candidate folders of the rule pages, bundle layout first. */
export function ruleDocsDirs(base: string = __dirname): string[] {
  return [join(base, '..', 'docs', 'rules'), join(base, '..', '..', '..', 'docs', 'rules')];
}

/** The folder holding the rule pages, or undefined when neither layout has one. */
export function findRuleDocsDir(base: string = __dirname): string | undefined {
  return ruleDocsDirs(base).find((d) => existsSync(d));
}

/** Every code `explain` knows: the rules and the suppression checks. */
function explainableIds(): string[] {
  return [...RULE_IDS, ...Object.keys(SUPPRESSION_CODES)];
}

/** The explain command. */
export const explainCommand = defineCommand({
  name: 'explain',
  summary: 'Print the documentation of a rule, or list all rules with their default severity.',
  usage: 'release-gates explain [<rule-id>]',
  options: {},
  run: runExplain,
});

async function runExplain(parsed: ParsedArgs, io: CliIO): Promise<number> {
  if (parsed.positional.length > 1) return usageError(io, explainCommand, 'expected at most one rule id');
  const id = parsed.positional[0];
  if (id === undefined) {
    io.out(listRules());
    return EXIT.ok;
  }
  if (!explainableIds().includes(id)) {
    const guess = closest(id, explainableIds());
    io.err(`release-gates explain: unknown rule "${id}"${guess ? `; did you mean "${guess}"?` : ''}\nRun "release-gates explain" for the list of rules.\n`);
    return EXIT.usage;
  }
  const dir = findRuleDocsDir();
  const page = dir ? join(dir, `${id}.md`) : undefined;
  if (!page || !existsSync(page)) {
    io.err(`release-gates explain: the documentation of "${id}" is not installed (looked in ${ruleDocsDirs().join(', ')}).\n`);
    return EXIT.usage;
  }
  io.out(readFileSync(page, 'utf8'));
  return EXIT.ok;
}

/** One line per rule: id, default severity, summary. */
function listRules(): string {
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  const lines = RULES.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.summary}`);
  return `${lines.join('\n')}\n\nRun "release-gates explain <rule-id>" for why a rule matters and how to fix what it reports.\n`;
}
