/**
 * `release-gates explain [<code>]`: prints a rule's documentation page, or the section of the docs
 * that documents another code (review, policy, rollout, the release verdict), or lists every rule
 * with its default severity and summary. Pages are read from `docs/`, found next to the bundle
 * (`dist/cli.js` → `../docs/rules`) or in the source tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_CODES } from '../policy/codes';
import { describeCode } from '../report/describe';
import { REVIEW_CODES } from '../review/codes';
import { ROLLOUT_CODES } from '../rollout/codes';
import { RULES, RULE_IDS } from '../rules/registry';
import { VERDICT_CODE } from '../verdict/verdict';
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

/** Codes documented in a section of a docs page rather than a rule page. */
function sectionCodes(): string[] {
  return [...Object.keys(REVIEW_CODES), ...Object.keys(POLICY_CODES), ...Object.keys(ROLLOUT_CODES), VERDICT_CODE];
}

/** Every code `explain` knows: the rules, the suppression checks and the documented engine codes. */
function explainableIds(): string[] {
  return [...RULE_IDS, ...Object.keys(SUPPRESSION_CODES), ...sectionCodes()];
}

/** The heading slug GitHub and VS Code's preview give a Markdown heading (`### \`a-b\`` → `a-b`). */
function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 -]/g, '').trim().replace(/ /g, '-');
}

/** The section of a Markdown page under the heading with this anchor, down to the next heading of its level or above. */
export function markdownSection(text: string, anchor: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#{1,6} /.test(l) && slug(l.replace(/^#+ /, '')) === anchor);
  if (start < 0) return undefined;
  const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 1;
  const end = lines.findIndex((l, i) => i > start && (/^#+ /.exec(l)?.[0].length ?? 99) - 1 <= level);
  return `${lines.slice(start, end < 0 ? undefined : end).join('\n').trimEnd()}\n`;
}

/** The documentation of a non-rule code: its summary and severity, then its section of the docs. */
function codeSection(id: string): string | undefined {
  const d = describeCode(id);
  const docs = findRuleDocsDir();
  const [page, anchor] = (d.href ?? '').replace(/^docs\//, '').split('#') as [string, string | undefined];
  const file = docs && page ? join(docs, '..', page) : undefined;
  if (!file || !existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const section = anchor ? markdownSection(text, anchor) : undefined;
  return `${id} (${d.severity} by default): ${d.summary}\n\n${section ?? `See docs/${page}.\n`}`;
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
  if (sectionCodes().includes(id)) {
    const text = codeSection(id);
    if (text === undefined) {
      io.err(`release-gates explain: the documentation of "${id}" is not installed (looked in ${ruleDocsDirs().map((d) => join(d, '..')).join(', ')}).\n`);
      return EXIT.usage;
    }
    io.out(text);
    return EXIT.ok;
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
  return `${lines.join('\n')}\n\nRun "release-gates explain <rule-id>" for why a rule matters and how to fix what it reports. The review-*, policy-* and rollout-* codes and ${VERDICT_CODE} are explained the same way.\n`;
}
