// Every rule page runs: each documented bad example yields exactly one finding of its rule and
// no error from anything else; each good example yields none of its rule and no error at all. The
// page header must agree with the rule's metadata, so docs cannot drift from behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../../../server/src/check';
import { RULES, RULE_IDS } from '../../../server/src/rules/registry';
import { SUPPRESSION_CODES } from '../../../server/src/rules/suppressions';
import type { RunRecord } from '../../../server/src/records';
import { completeCard, docsDir, examplesOf, recordOf, root } from './doc-examples';
import { checkWithRecord } from './helpers';

const NOW = new Date('2026-11-26T12:00:00Z');
const documented = [...RULE_IDS, ...Object.keys(SUPPRESSION_CODES)];

function describe(findings: { code: string; severity: string; range: { start: { line: number; character: number } }; message: string }[]): string {
  return findings.map((f) => `  ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} [${f.code}] ${f.message}`).join('\n');
}

test('every rule and suppression code has a page, and every page belongs to one', () => {
  const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(pages, [...documented].sort());
});

test('the README table lists every rule in registry order with its default severity and fix kind', () => {
  const readme = readFileSync(join(docsDir, 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| \[([a-z-]+)\]\([a-z-]+\.md\) \| (\w+) \| (\w+) \|/gm)].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(rows, RULES.map((r) => [r.meta.id, r.meta.severity, r.meta.fix]));
});

for (const rule of RULES) {
  test(`${rule.meta.id}: the page header matches the rule's metadata`, () => {
    const page = readFileSync(join(docsDir, `${rule.meta.id}.md`), 'utf8');
    const lines = page.split('\n');
    assert.equal(lines[0], `# ${rule.meta.id}`);
    assert.equal(lines[2], rule.meta.summary);
    assert.match(page, new RegExp(`^\\| ${rule.meta.severity} \\| ${rule.meta.fix} \\|`, 'm'));
  });
}

for (const id of documented) {
  const page = readFileSync(join(docsDir, `${id}.md`), 'utf8');
  const examples = examplesOf(page);
  const record = recordOf(page) as RunRecord | undefined;
  test(`${id}: the page has at least one bad and one good example`, () => {
    assert.ok(examples.some((e) => e.kind === 'bad'), 'no bad example');
    assert.ok(examples.some((e) => e.kind === 'good'), 'no good example');
  });
  for (const example of examples) {
    test(`${id}: ${example.kind} example at line ${example.line}`, async () => {
      const text = completeCard(example.source);
      const file = join(docsDir, `${id}.md`);
      const findings = await checkWithRecord(`docs/rules/${id}.md`, file, text, root, { now: NOW, ...(record ? { record } : {}) });
      const own = findings.filter((f) => f.code === id);
      const otherErrors = findings.filter((f) => f.code !== id && f.severity === 'error');
      const context = `\n--- card ---\n${text}--- findings ---\n${describe(findings)}`;
      assert.equal(own.length, example.kind === 'bad' ? 1 : 0, `expected ${example.kind === 'bad' ? 'one finding' : 'no finding'} of ${id}${context}`);
      assert.equal(otherErrors.length, 0, `unexpected errors${context}`);
    });
  }
}

test('the base card of the examples passes every rule and the schema', () => {
  const text = readFileSync(join(docsDir, 'base-card.yaml'), 'utf8');
  assert.deepEqual(checkText('base-card.yaml', text, { now: NOW }).findings, []);
});
