// docs/review.md cannot drift from the code: every review code has its section and its default
// severity, the table of directed thresholds is the schema's, every policy code is listed, the
// policy example is valid, and every YAML block of the page parses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseProjectConfig } from '../../../server/src/config/project-config';
import { POLICY_CODES } from '../../../server/src/policy/codes';
import { describeCode } from '../../../server/src/report/describe';
import { REVIEW_CODES } from '../../../server/src/review';
import { directedPaths } from '../../../server/src/schema/directions';
import { root } from '../rules/doc-examples';

const PAGE = readFileSync(join(root, 'docs', 'review.md'), 'utf8');

/** The fenced blocks of a language. */
function blocks(lang: string): string[] {
  return [...PAGE.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1] ?? '');
}

test('every review code has a section and a table row with its default severity, in catalogue order', () => {
  const rows = [...PAGE.matchAll(/^\| \[`(review-[a-z-]+)`\]\(#\1\) \| (\w+) \|/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(rows, Object.entries(REVIEW_CODES).map(([code, info]) => [code, info.severity]));
  for (const code of Object.keys(REVIEW_CODES)) {
    assert.match(PAGE, new RegExp(`^### ${code}$`, 'm'), `no section for ${code}`);
    assert.match(describeCode(code).href ?? '', new RegExp(`docs/review\\.md#${code}$`));
  }
});

test('the table of thresholds lists exactly the directions the schema declares', () => {
  const rows = [...PAGE.matchAll(/^\| `([a-z0-9_.*]+)` \| (max|min) \| /gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(rows, directedPaths().map((d) => `${d.pattern} ${d.direction}`));
});

test('every policy code is in the policy table, and the policy example is a valid configuration', () => {
  for (const code of Object.keys(POLICY_CODES)) assert.match(PAGE, new RegExp(`^\\| \`${code}\` \\|`, 'm'), code);
  const example = blocks('yaml').find((b) => b.startsWith('policy:'));
  assert.ok(example, 'no policy example');
  const { config, findings } = parseProjectConfig('.release-gates.yaml', example);
  assert.deepEqual(findings.map((f) => f.message), []);
  assert.equal(config.policy?.floors.length, 6);
});

test('the severity example is a valid configuration', () => {
  const example = blocks('yaml').find((b) => b.startsWith('rules:'));
  assert.ok(example, 'no rules example');
  const { config, findings } = parseProjectConfig('.release-gates.yaml', example);
  assert.deepEqual(findings.map((f) => f.message), []);
  assert.deepEqual(config.rules, { 'review-loosened': 'error', 'review-changed': 'off' });
});

test('every YAML block of the page parses', () => {
  for (const block of blocks('yaml')) {
    for (const doc of parseAllDocuments(block)) assert.deepEqual(doc.errors.map((e) => e.message), [], block);
  }
});
