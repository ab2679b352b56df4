// The semantic diff of two card versions, without git: tightenings are reported as such, renames
// are not a removal plus an addition, sections with their own meaning (gates, profile, bundle,
// canary, auto-rollback) say what they mean, and bad input is refused rather than waved through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { compareCards, type ReviewFinding } from '../../../server/src/review';
import { root } from '../rules/doc-examples';

const BASE = readFileSync(join(root, 'test', 'fixtures', 'review', 'ranking', 'base.release.yaml'), 'utf8');
const PR = readFileSync(join(root, 'test', 'fixtures', 'review', 'ranking', 'pr.release.yaml'), 'utf8');

function card(text: string): Card {
  return new Card('card.release.yaml', parseCard(text));
}

/** Findings of comparing a base text with a working text, as `line code subject`. */
function compare(base: string, work: string): ReviewFinding[] {
  return compareCards(card(base), card(work), { label: 'main', now: new Date('2026-12-01T12:00:00Z') });
}

function brief(findings: readonly ReviewFinding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1} ${f.code} ${f.change.subject}`);
}

/** The base card with one replacement, asserting the text to replace is there. */
function edit(text: string, from: string | RegExp, to: string | ((match: string) => string)): string {
  assert.ok(typeof from === 'string' ? text.includes(from) : from.test(text), `no ${String(from)} in the card`);
  return typeof to === 'string' ? text.replace(from, to) : text.replace(from, (m) => to(m));
}

test('no change, no finding; comments and the description do not count', () => {
  assert.deepEqual(compare(BASE, BASE), []);
  assert.deepEqual(compare(BASE, `${BASE.replace('owner: team-search-ranking', 'owner: team-search-ranking   # the owners')}description: now described\n`), []);
});

test('the pull request reversed: every loosening comes back as a tightening or an addition', () => {
  const found = compare(PR, BASE);
  assert.equal(found.length, 13);
  assert.deepEqual(found.map((f) => f.code).sort(), [...Array<string>(12).fill('review-tightened'), 'review-added'].sort());
  assert.ok(found.every((f) => f.severity === 'info'));
  const steps = found.find((f) => f.change.subject === 'rollout.steps');
  assert.match(steps!.message, /rollout\.steps is stricter than main: \[50, 100\] → \[5, 25, 50, 100\] \(the first step now sends 5 % of traffic, was 50 %; steps 5 %, 25 % added; 3 canary steps before full traffic, was 1\)/);
});

test('a renamed slice with the same contents is a rename, not a removal and an addition', () => {
  const found = compare(BASE, edit(BASE, 'name: cold users', 'name: new users'));
  assert.deepEqual(brief(found), ['37 review-renamed gates.quality.slices["new users"]']);
  assert.match(found[0]!.message, /slice "cold users" renamed to "new users"/);
});

test('a renamed suite whose threshold also moved: the rename, then the loosening under the new name', () => {
  const found = compare(BASE, edit(BASE, '{ name: empty queries, kind: missing_values, evidence: evidence/robustness/empty.csv, min_pass_rate: 0.99 }', '{ name: blank queries, kind: missing_values, evidence: evidence/robustness/empty.csv, min_pass_rate: 0.9 }'));
  assert.deepEqual(brief(found), ['40 review-renamed gates.robustness.suites["blank queries"]', '40 review-loosened gates.robustness.suites["blank queries"].min_pass_rate']);
});

test('a renamed user key (a data field) is a rename; a card key replaced by another is not', () => {
  const withFields = edit(BASE, '    drift:\n', '    fields:\n      query_length: { type: numeric, min: 0, max: 512 }\n    drift:\n');
  const renamed = compare(withFields, edit(withFields, '      query_length: {', '      query_chars: {'));
  assert.deepEqual(brief(renamed), ['27 review-renamed gates.data.fields.query_chars']);
  const swapped = compare(BASE, edit(BASE, '    p99_latency_ms: 120\n', '    p95_latency_ms: 120\n'));
  assert.deepEqual(brief(swapped).sort(), ['43 review-added gates.performance.p95_latency_ms', '41 review-removed gates.performance.p99_latency_ms'].sort());
  assert.equal(swapped.find((f) => f.code === 'review-removed')!.severity, 'warning');
});

test('list items are matched by identity, not position: a reordered suite list is no change', () => {
  const two = edit(BASE, '      - { name: empty queries', '      - { name: long queries, kind: extreme_ranges, evidence: evidence/robustness/long.csv }\n      - { name: empty queries');
  const reordered = edit(BASE, /      - \{ name: empty queries.*\n/, (m: string) => `${m}      - { name: long queries, kind: extreme_ranges, evidence: evidence/robustness/long.csv }\n`);
  assert.deepEqual(compare(two, reordered), []);
  const removed = compare(two, BASE);
  assert.deepEqual(brief(removed), ['39 review-removed gates.robustness.suites["long queries"]']);
  assert.match(removed[0]!.message, /suite "long queries" removed/);
});

test('two slices with the same name stay two slices', () => {
  const dup = edit(BASE, /      - \{ name: cold users.*\n/, (m: string) => `${m}${m}`);
  const found = compare(dup, edit(dup, /(- \{ name: cold users[^\n]*\n[^\n]*)min_samples: 100/, '$1min_samples: 50'));
  assert.deepEqual(brief(found), ['38 review-loosened gates.quality.slices["cold users"].min_samples']);
});

test('a computed gate switched to a deferral, or to a hand-written status, is one finding on what replaced it', () => {
  const deferred = edit(edit(BASE, /  cost:\n(    .*\n)+/, ''), 'profile: full', 'profile: small-internal-service') + 'deferrals:\n  - { gate: cost, owner: team-search-ranking, deadline: 2027-01-15, reason: ledger not wired yet }\n';
  const found = compare(BASE, deferred);
  assert.deepEqual(brief(found), ['5 review-profile-lowered profile', '72 review-gate-deferred gates.cost']);
  assert.match(found[1]!.message, /the cost gate is no longer computed: deferred to team-search-ranking until 2027-01-15/);
  const asserted = compare(BASE, edit(BASE, /  cost:\n(    .*\n)+/, '  cost_gate: pass\n'));
  assert.deepEqual(brief(asserted), ['46 review-gate-deferred gates.cost']);
  assert.match(asserted[0]!.message, /asserted "pass" by hand/);
  assert.deepEqual(brief(compare(deferred, BASE)).sort(), ['3 review-tightened deferrals["cost"]', '46 review-added gates.cost', '5 review-tightened profile'].sort());
});

test('a bundle change is a new release, and says so when release_id did not change', () => {
  const found = compare(BASE, edit(BASE, 'models:/search-ranker/12', 'models:/search-ranker/13'));
  assert.deepEqual(brief(found), ['7 review-bundle-changed artifacts.model_uri']);
  assert.match(found[0]!.message, /models:\/search-ranker\/12 → models:\/search-ranker\/13 \(the bundle changed; release_id is still ml-2026-12-01\.1, but a new bundle is a new release: give it its own id\)/);
  assert.match(found[0]!.message, /results and rollback drills recorded for the old bundle no longer apply/);
});

test('auto-rollback conditions: the same threshold in another unit is no change; a removed one is; an operator flip is a change', () => {
  assert.deepEqual(compare(BASE, edit(BASE, '    - error_rate > 0.1%', '    - error_rate > 0.001')), []);
  assert.deepEqual(brief(compare(BASE, edit(BASE, '    - error_rate > 0.1%\n', ''))), ['72 review-removed rollout.auto_rollback_on["error_rate"]']);
  assert.deepEqual(brief(compare(BASE, edit(BASE, '    - error_rate > 0.1%', '    - error_rate > 0.05%'))), ['74 review-tightened rollout.auto_rollback_on["error_rate"]']);
  assert.deepEqual(brief(compare(BASE, edit(BASE, '    - error_rate > 0.1%', '    - error_rate >= 0.1%'))), ['74 review-changed rollout.auto_rollback_on["error_rate"]']);
});

test('lists of allowances loosen when they grow: a new accepted category', () => {
  const withEnum = edit(BASE, '    drift:\n', '    fields:\n      user_segment: { type: categorical, enum: [new, returning] }\n    drift:\n');
  const found = compare(withEnum, edit(withEnum, 'enum: [new, returning]', 'enum: [new, returning, unknown]'));
  assert.deepEqual(brief(found), ['27 review-loosened gates.data.fields.user_segment.enum']);
  assert.match(found[0]!.message, /1 item added: unknown/);
});

test('fail closed: a threshold that became text, NaN or infinity cannot be judged, so it is an error', () => {
  for (const bad of ['"250ms"', '.nan', '.inf', '[250]']) {
    const found = compare(BASE, edit(BASE, '    p99_latency_ms: 120\n', `    p99_latency_ms: ${bad}\n`));
    assert.deepEqual(found.map((f) => [f.code, f.severity]), [['review-uncomparable', 'error']], bad);
  }
  const negative = compare(BASE, edit(BASE, '    max_rto_minutes: 10', '    max_rto_minutes: -10'));
  assert.deepEqual(negative.map((f) => [f.code, f.change.verdict]), [['review-tightened', 'stricter']]);
});

test('a policy passed to the comparison also reports what the pull request did not touch', () => {
  const found = compareCards(card(BASE), card(PR), { label: 'main', policy: { floors: [{ path: 'gates.quality.min_samples', segments: ['gates', 'quality', 'min_samples'], limit: 10000, direction: 'min' }] } });
  const policy = found.filter((f) => f.code === 'policy-floor');
  assert.equal(policy.length, 1);
  assert.equal(policy[0]!.range.start.line + 1, 34);
  assert.equal(policy[0]!.change.verdict, 'policy');
});
