// Table-driven rule tests over annotated fixtures: test/fixtures/rules/<rule-id>/{valid,invalid}*.yaml.
// A fixture is a complete card; each `# expect: <line>:<col> <rule-id>` comment (1-based, the
// start of the finding) names one finding of that rule the card must produce, and the rule must
// produce no other. `# now: YYYY-MM-DD` sets the clock (default 2026-11-26). Valid fixtures
// carry no expectation, so the rule must stay silent on them. A `<fixture>.run.json` beside a
// fixture is its run record, as `release-gates check` reads it beside a card (and compares its
// fingerprint with the fixture's when it has one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWithRecord } from './helpers';
import type { RunRecord } from '../../../server/src/records';
import { RULE_IDS } from '../../../server/src/rules/registry';
import { root } from './doc-examples';

const fixturesDir = join(root, 'test', 'fixtures', 'rules');

/** The expectations and clock a fixture declares. */
export function annotations(text: string): { expected: string[]; now: Date } {
  const expected = [...text.matchAll(/^\s*#\s*expect:\s*(\d+:\d+)\s+([a-z-]+)\s*$/gm)].map((m) => `${m[1]} ${m[2]}`);
  const day = /^\s*#\s*now:\s*(\d{4}-\d{2}-\d{2})\s*$/m.exec(text)?.[1] ?? '2026-11-26';
  return { expected: expected.sort(), now: new Date(`${day}T12:00:00Z`) };
}

test('every rule has a fixture folder with at least one valid and one invalid card', () => {
  const dirs = readdirSync(fixturesDir).sort();
  assert.deepEqual(dirs, [...RULE_IDS].sort());
  for (const id of dirs) {
    const files = readdirSync(join(fixturesDir, id));
    assert.ok(files.some((f) => f.startsWith('valid')), `${id} has no valid fixture`);
    assert.ok(files.some((f) => f.startsWith('invalid')), `${id} has no invalid fixture`);
  }
});

for (const id of readdirSync(fixturesDir).sort()) {
  for (const file of readdirSync(join(fixturesDir, id)).filter((f) => f.endsWith('.yaml')).sort()) {
    test(`${id}/${file}`, async () => {
      const path = join(fixturesDir, id, file);
      const text = readFileSync(path, 'utf8');
      const { expected, now } = annotations(text);
      const recordFile = join(fixturesDir, id, file.replace(/\.yaml$/, '.run.json'));
      const record = existsSync(recordFile) ? (JSON.parse(readFileSync(recordFile, 'utf8')) as RunRecord) : undefined;
      if (file.startsWith('invalid')) assert.ok(expected.length > 0, 'an invalid fixture must expect at least one finding');
      else assert.equal(expected.length, 0, 'a valid fixture expects nothing');
      const findings = await checkWithRecord(`${id}/${file}`, path, text, root, { now, ...(record ? { record } : {}) });
      const actual = findings
        .filter((f) => f.code === id)
        .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`)
        .sort();
      assert.deepEqual(actual, expected, findings.filter((f) => f.code === id).map((f) => f.message).join('\n'));
    });
  }
}
