// The engine: severities from configuration, `off`, documentation links, the rule id as code,
// and robustness — no rule may throw on a card whose values have the wrong types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { describeCode } from '../../../server/src/report/describe';
import { runRules } from '../../../server/src/rules/engine';
import { RULES, RULE_IDS, isRuleId } from '../../../server/src/rules/registry';
import { check, NOW, only } from './helpers';
import { root } from './doc-examples';
import { rotatingPairs } from '../../exhaustive';

const seed = readFileSync(join(root, 'examples', 'seed', 'release-card.yaml'), 'utf8');
const churn = readFileSync(join(root, 'examples', 'churn', 'release-card.yaml'), 'utf8');

test('rule ids are unique kebab-case, with no*/require*/valid* style or a *-matches-* relation', () => {
  assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
  for (const id of RULE_IDS) assert.match(id, /^[a-z]+(-[a-z0-9]+)+$/, id);
  assert.ok(RULE_IDS.length >= 20);
  assert.ok(isRuleId('require-canary'));
  assert.ok(!isRuleId('require-canaries'));
});

test('every rule declares a one-line summary and a fix kind', () => {
  for (const r of RULES) {
    assert.ok(r.meta.summary.length > 10 && !r.meta.summary.includes('\n'), r.meta.id);
    assert.ok(['none', 'replace', 'skeleton'].includes(r.meta.fix), r.meta.id);
  }
});

test('the churn example passes every rule', () => {
  assert.deepEqual(runRules(new Card('churn', parseCard(churn)), { now: NOW }), []);
});

test('the seed card shows the spoken-release findings, each with code, href and a suppression fix', () => {
  const findings = runRules(new Card('seed', parseCard(seed)), { now: NOW });
  const codes = new Set(findings.map((f) => f.code));
  for (const c of ['no-asserted-gate-status', 'require-complete-bundle', 'require-post-release-owner', 'require-owner']) assert.ok(codes.has(c), c);
  assert.equal(only(findings, 'no-asserted-gate-status').length, 7);
  for (const f of findings) {
    // The page shipped in the package, never a website that does not exist.
    assert.equal(f.href, `docs/rules/${f.code}.md`);
    assert.ok(existsSync(join(root, f.href)), f.href);
    assert.ok(f.fixes && f.fixes.length > 0);
  }
});

test('severities from configuration change a rule, and off disables it', () => {
  const base = check(seed);
  assert.equal(only(base, 'require-owner')[0]?.severity, 'warning');
  const raised = check(seed, { severities: { 'require-owner': 'error', 'no-asserted-gate-status': 'off' } });
  assert.equal(only(raised, 'require-owner')[0]?.severity, 'error');
  assert.equal(only(raised, 'no-asserted-gate-status').length, 0);
  assert.equal(only(check(seed, { severities: { 'require-owner': 'hint' } }), 'require-owner')[0]?.severity, 'hint');
});

test('describeCode covers rules, suppression codes, config codes and card codes', () => {
  assert.deepEqual(describeCode('require-canary'), { summary: RULES.find((r) => r.meta.id === 'require-canary')!.meta.summary, href: 'docs/rules/require-canary.md', explain: 'release-gates explain require-canary', severity: 'error' });
  assert.equal(describeCode('suppression-unused').severity, 'warning');
  assert.equal(describeCode('config-unknown-rule').severity, 'error');
  assert.equal(describeCode('schema-type').href, undefined);
  assert.match(describeCode('yaml-syntax').summary, /YAML/);
  assert.equal(describeCode('made-up').summary, 'made-up');
});

/** Every path to a scalar or collection in a plain value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

/** A deep copy of a plain YAML value with `replacement` at `path`. */
function replaced(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1] as string | number] = replacement;
  return copy;
}

// Every path of the card with each wrong-typed value is 3,760 cards (`npm run test:exhaustive`);
// `npm test` gives every path two of them, rotating, so each replacement still meets ~75 paths.
test('no rule throws when any value of the churn card has the wrong type', () => {
  const value = parseDocument(churn).toJS() as unknown;
  const replacements: unknown[] = [null, 7, -1, 'x', '<placeholder>', [], [1, 'a', null], {}, { a: 1 }, true];
  const cases = rotatingPairs(paths(value).filter((p) => p.length > 0), replacements, 2);
  for (const [path, replacement] of cases) {
    const card = new Card('fuzz', parseCard(stringify(replaced(value, path, replacement))));
    runRules(card, { now: NOW, onRuleError: (id, err) => assert.fail(`${id} threw at ${path.join('.')} = ${JSON.stringify(replacement)}: ${String(err)}`) });
  }
  assert.ok(cases.length > 700);
});

test('rules run on a card whose root is not a mapping without throwing', () => {
  for (const text of ['- a\n- b\n', '"just a string"\n', '42\n']) {
    runRules(new Card('odd', parseCard(text)), { now: NOW, onRuleError: (id, err) => assert.fail(`${id}: ${String(err)}`) });
  }
});
