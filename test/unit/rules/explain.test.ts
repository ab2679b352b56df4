// `release-gates explain`: prints a rule page, lists the rules, refuses unknown ids with a
// did-you-mean, and finds the pages both beside the bundle and in the source tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainCommand, findRuleDocsDir, ruleDocsDirs } from '../../../server/src/cli/explain';
import type { CliIO } from '../../../server/src/cli/io';
import { RULES } from '../../../server/src/rules/registry';
import { docsDir, root } from './doc-examples';

function io(): CliIO & { stdout: string; stderr: string } {
  const box = { stdout: '', stderr: '' };
  return Object.assign(box, { cwd: root, isTTY: false, env: {}, out: (t: string) => { box.stdout += t; }, err: (t: string) => { box.stderr += t; } });
}

test('explain <id> prints the rule page', async () => {
  const o = io();
  assert.equal(await explainCommand.run(['require-canary'], o), 0);
  assert.equal(o.stdout, readFileSync(join(docsDir, 'require-canary.md'), 'utf8'));
});

test('explain prints suppression code pages too', async () => {
  const o = io();
  assert.equal(await explainCommand.run(['suppression-unused'], o), 0);
  assert.match(o.stdout, /^# suppression-unused/);
});

test('explain without an id lists every rule with its default severity and summary', async () => {
  const o = io();
  assert.equal(await explainCommand.run([], o), 0);
  for (const r of RULES) assert.match(o.stdout, new RegExp(`^${r.meta.id}\\s+${r.meta.severity}\\s+${r.meta.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
});

test('an unknown id exits 2 with a did-you-mean', async () => {
  const o = io();
  assert.equal(await explainCommand.run(['require-canery'], o), 2);
  assert.match(o.stderr, /unknown rule "require-canery"; did you mean "require-canary"\?/);
  assert.equal(o.stdout, '');
});

test('more than one id, or an option, is a usage error', async () => {
  assert.equal(await explainCommand.run(['require-canary', 'require-owner'], io()), 2);
  assert.equal(await explainCommand.run(['--json'], io()), 2);
});

test('the pages are found beside the bundle (dist/) and in the source tree', () => {
  assert.equal(findRuleDocsDir(join(root, 'dist')), docsDir);
  assert.equal(findRuleDocsDir(join(root, 'server', 'src', 'cli')), docsDir);
  assert.equal(findRuleDocsDir(), docsDir);
  assert.deepEqual(ruleDocsDirs('/x/dist'), ['/x/docs/rules', '/docs/rules']);
});

test('explain prints the docs section of a review, policy or rollout code, and the verdict', async () => {
  const review = io();
  assert.equal(await explainCommand.run(['review-loosened'], review), 0);
  assert.match(review.stdout, /^review-loosened \(warning by default\): /);
  assert.match(review.stdout, /\n### review-loosened\n/);
  assert.doesNotMatch(review.stdout, /### review-moved-after-failure/, 'only its own section');
  const policy = io();
  assert.equal(await explainCommand.run(['policy-floor'], policy), 0);
  assert.match(policy.stdout, /\n## Policy floors\n/);
  const verdict = io();
  assert.equal(await explainCommand.run(['release-verdict'], verdict), 0);
  assert.match(verdict.stdout, /## When may a release take traffic/);
  const rollout = io();
  assert.equal(await explainCommand.run(['rollout-template-drift'], rollout), 0);
  assert.match(rollout.stdout, /See docs\/rollout\.md/);
});
