// Quick fixes: each is data on a finding (title + edits located through the card's position
// converter). Applying any fix must leave valid YAML; mechanical fixes must remove their finding;
// skeleton fixes must insert at the right indentation in block and flow style.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFix, check, fixTitled, only } from './helpers';
import { root } from './doc-examples';

const fixturesDir = join(root, 'test', 'fixtures', 'rules');
const RULE_FIX_PLACEHOLDERS = /<[^<>]*>/;

for (const id of readdirSync(fixturesDir).sort()) {
  for (const file of readdirSync(join(fixturesDir, id)).filter((f) => f.startsWith('invalid')).sort()) {
    test(`${id}/${file}: every fix keeps the card readable; preferred value fixes remove their finding`, () => {
      const text = readFileSync(join(fixturesDir, id, file), 'utf8');
      for (const finding of only(check(text), id)) {
        for (const fix of finding.fixes ?? []) {
          const fixed = applyFix(text, fix);
          const after = check(fixed);
          const broken = after.filter((f) => f.code.startsWith('yaml-') || f.code.startsWith('file-'));
          assert.deepEqual(broken, [], `${fix.title} broke the YAML:\n${fixed}`);
          if (fix.preferred && !fix.edits.some((e) => RULE_FIX_PLACEHOLDERS.test(e.newText))) {
            const still = only(after, id).filter((f) => f.range.start.line === finding.range.start.line && f.message === finding.message);
            assert.deepEqual(still, [], `${fix.title} did not remove the finding:\n${fixed}`);
          }
        }
      }
    });
  }
}

const HEAD = 'release_id: ml-2026-11-26.1\nartifacts: { model_uri: models:/churn-model/43 }\n';

test('a block list gets a final step of 100 at its own indentation', () => {
  const text = `${HEAD}gates: { data_gate: pass }\nrollout:\n  strategy: canary\n  steps:\n    - 5\n    - 50   # half\n`;
  const f = only(check(text), 'canary-steps-rise-to-full')[0];
  assert.equal(applyFix(text, fixTitled(f, 'Add a final step')), `${HEAD}gates: { data_gate: pass }\nrollout:\n  strategy: canary\n  steps:\n    - 5\n    - 50   # half\n    - 100\n`);
});

test('a flow list gets its final step inside the brackets', () => {
  const text = `${HEAD}gates: { data_gate: pass }\nrollout: { strategy: canary, steps: [5, 50] }`;
  const f = only(check(text), 'canary-steps-rise-to-full')[0];
  assert.equal(applyFix(text, fixTitled(f, 'Add a final step')), `${HEAD}gates: { data_gate: pass }\nrollout: { strategy: canary, steps: [5, 50, 100] }`);
});

test('missing alert keys go into a flow mapping on the same line', () => {
  const text = `${HEAD}gates:\n  observability:\n    alerts:\n      - { name: Burn, severity: page }\nrollout: { strategy: canary }\n`;
  const f = only(check(text), 'require-alert-ownership')[0];
  const fixed = applyFix(text, fixTitled(f, 'Add owner and runbook'));
  assert.match(fixed, /- \{ name: Burn, severity: page, owner: <team>, runbook: <runbook-path-or-url> \}/);
});

test('a missing post_release section is appended at the end, even without a final newline', () => {
  const text = `${HEAD}gates: { data_gate: pass }\nrollout: { strategy: canary }`;
  const f = only(check(text), 'require-post-release-owner')[0];
  assert.equal(applyFix(text, fixTitled(f, 'Add a post_release')), `${text}\npost_release:\n  verification_owner: <owner>\n  window_hours: 24`);
});

test('owner is inserted right after release_id', () => {
  const text = `${HEAD}gates: { data_gate: pass }\nrollout: { strategy: canary }\n`;
  const fixed = applyFix(text, fixTitled(only(check(text), 'require-owner')[0], 'Add owner'));
  assert.ok(fixed.startsWith('release_id: ml-2026-11-26.1\nowner: <team>\nartifacts:'));
});

test('an asserted gate becomes a definition skeleton at the key\'s indentation', () => {
  const text = `${HEAD}gates:\n  rollback_gate: pass\nrollout: { strategy: canary }\n`;
  const f = only(check(text), 'no-asserted-gate-status')[0];
  const fixed = applyFix(text, fixTitled(f, 'Replace with a rollback'));
  assert.equal(fixed, `${HEAD}gates:\n  rollback:\n    operation: <one rollback command>\n    drill_log: <path/to/drills.csv>\n    max_rto_minutes: <minutes>\nrollout: { strategy: canary }\n`);
});

test('a duplicate asserted line is removed', () => {
  const text = `${HEAD}gates:\n  data_gate: pass\n  data: { current: c.csv }\nrollout: { strategy: canary }\n`;
  const fixed = applyFix(text, fixTitled(only(check(text), 'no-duplicate-gate-definition')[0], 'Remove data_gate'));
  assert.equal(fixed, `${HEAD}gates:\n  data: { current: c.csv }\nrollout: { strategy: canary }\n`);
});

test('0.8 % written as 8 becomes 8% (preferred) or 0.08', () => {
  const text = `${HEAD}gates: { data_gate: pass }\nrollout:\n  strategy: canary\n  auto_rollback_on:\n    - error_rate > 8\n`;
  const f = only(check(text), 'valid-auto-rollback')[0];
  assert.match(applyFix(text, fixTitled(f, 'Write 8%')), /- error_rate > 8%\n/);
  assert.match(applyFix(text, fixTitled(f, 'Write 0.08')), /- error_rate > 0.08\n/);
});

test('a contradicting condition takes the gate threshold in its own unit', () => {
  const text = `${HEAD}gates:\n  performance: { evidence: p.csv, max_error_share: 0.008 }\nrollout:\n  strategy: canary\n  auto_rollback_on:\n    - error_rate > 1%\n    - { metric: error_share, op: ">", value: 0.02 }\n`;
  const [a, b] = only(check(text), 'auto-rollback-matches-gates');
  assert.match(applyFix(text, fixTitled(a, 'Use gates.performance.max_error_share')), /- error_rate > 0.8%\n/);
  assert.match(applyFix(text, fixTitled(b, 'Use gates.performance.max_error_share')), /- \{ metric: error_share, op: ">", value: 0.008 \}\n/);
});

test('the feature pipeline fix leaves a placeholder the rule keeps reporting', () => {
  const text = `release_id: x\nartifacts:\n  model_uri: models:/m/1\n  feature_pipeline: feature-pipeline:latest\ngates: { data_gate: pass }\nrollout: { strategy: canary }\n`;
  const f = only(check(text), 'no-unpinned-feature-pipeline')[0];
  const fixed = applyFix(text, fixTitled(f, 'Replace with a pinned-version placeholder'));
  assert.match(fixed, /feature_pipeline: feature-pipeline:<pinned-version>\n/);
  assert.match(only(check(fixed), 'no-unpinned-feature-pipeline')[0]?.message ?? '', /placeholder/);
});

test('missing rollback scope parts are appended to the list', () => {
  const text = `${HEAD}gates:\n  rollback: { operation: op, scope: [model] }\nrollout: { strategy: canary }\n`;
  const fixed = applyFix(text, fixTitled(only(check(text), 'require-atomic-rollback')[0], 'Add preprocessing'));
  assert.match(fixed, /scope: \[model, preprocessing, thresholds, runtime_parameters\]/);
});

test('the canary fix also adds steps when there are none', () => {
  const text = `${HEAD}gates: { data_gate: pass }\nrollout:\n  strategy: all_at_once\n`;
  const fixed = applyFix(text, fixTitled(only(check(text), 'require-canary')[0], 'Change the strategy to canary'));
  assert.equal(fixed, `${HEAD}gates: { data_gate: pass }\nrollout:\n  strategy: canary\n  steps: [5, 25, 50, 100]\n`);
  assert.equal(only(check(fixed), 'require-canary').length, 0);
});

test('rollback coverage adds conditions from the gate thresholds', () => {
  const text = `${HEAD}gates:\n  performance: { evidence: p.csv, p99_latency_ms: 750, max_error_share: 0.01 }\n  cost: { ledger: l.csv, outcomes: o.csv, max_cost_per_useful_result: 0.5 }\nrollout:\n  strategy: canary\n`;
  const fixed = applyFix(text, fixTitled(only(check(text), 'require-rollback-coverage')[0], 'Add auto_rollback_on'));
  assert.match(fixed, /rollout:\n  strategy: canary\n  auto_rollback_on:\n    - p99_latency_ms > 750\n    - error_rate > 0.01\n    - cost_per_useful_result > 0.5\n/);
  assert.equal(only(check(fixed), 'require-rollback-coverage').length, 0);
});

test('rollback coverage in a flow mapping adds the conditions on one line', () => {
  const text = `${HEAD}gates:\n  performance: { evidence: p.csv, p99_latency_ms: 750 }\nrollout: { strategy: canary, steps: [5, 100] }\n`;
  const fixed = applyFix(text, fixTitled(only(check(text), 'require-rollback-coverage')[0], 'Add auto_rollback_on'));
  assert.match(fixed, /rollout: \{ strategy: canary, steps: \[5, 100\], auto_rollback_on: \[p99_latency_ms > 750\] \}/);
  assert.match(only(check(fixed), 'require-rollback-coverage')[0]?.message ?? '', /watches errors and cost per useful outcome\./);
});

test('insertions after a block scalar land right after its last line', () => {
  const text = `release_id: x\nartifacts: { model_uri: models:/m/1 }\ngates: { data_gate: pass }\nrollout: { strategy: canary }\ndescription: >-\n  long\n  text\nlabels: { a: b }\n`;
  const withoutLabels = text.replace('labels: { a: b }\n', '');
  const fixed = applyFix(withoutLabels, fixTitled(only(check(withoutLabels), 'require-post-release-owner')[0], 'Add a post_release'));
  assert.equal(fixed, `${withoutLabels}post_release:\n  verification_owner: <owner>\n  window_hours: 24\n`);
  assert.deepEqual(check(fixed).filter((f) => f.code.startsWith('yaml-')), []);
});

test('fixes in a CRLF card insert CRLF line endings', () => {
  const text = `release_id: x\r\nartifacts:\r\n  model_uri: models:/m/1\r\ngates: { data_gate: pass }\r\nrollout: { strategy: canary }\r\n`;
  const f = only(check(text), 'require-complete-bundle')[0];
  const fixed = applyFix(text, fixTitled(f, 'Add the missing'));
  assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/);
  assert.match(fixed, /  model_uri: models:\/m\/1\r\n  model_signature: /);
  const suppressed = applyFix(text, fixTitled(f, 'Suppress'));
  assert.match(suppressed, /^release_id: x\r\n# release-gates-disable-next-line require-complete-bundle -- <reason>\r\nartifacts:/);
});
