// The project policy: `policy:` in .release-gates.yaml is validated by its own schema and by the
// card schema's directions, and a card that crosses a floor, has too few canary steps, defers a
// required gate or defers too long gets an error on the node that crosses it, through `check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProjectConfig } from '../../../server/src/config/project-config';
import { policyValidator } from '../../../server/src/schema/compile';
import { GATE_IDS } from '../../../server/src/gates/engine/types';
import { POLICY_CODES } from '../../../server/src/policy/codes';
import { describeCode } from '../../../server/src/report/describe';
import type { Policy } from '../../../server/src/policy/types';
import { at, check } from '../rules/helpers';
import { root } from '../rules/doc-examples';

const BASE = readFileSync(join(root, 'docs', 'rules', 'base-card.yaml'), 'utf8');

/** The policy of a configuration text, asserting it has no problem. */
function policyOf(text: string): Policy {
  const { config, findings } = parseProjectConfig('.release-gates.yaml', text);
  assert.deepEqual(findings.map((f) => f.message), []);
  assert.ok(config.policy);
  return config.policy;
}

/** The policy findings of a card under a policy. */
function policyFindings(card: string, policy: Policy): { code: string; at: string; message: string; severity: string }[] {
  return check(card, { policy } as never).filter((f) => f.code.startsWith('policy-')).map((f) => ({ code: f.code, at: at(f), message: f.message, severity: f.severity }));
}

test('the policy schema compiles in strict mode and lists the same gates as the engine', () => {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'release-gates-policy.schema.json'), 'utf8')) as { properties: { required_gates: { items: { enum: string[] } } } };
  assert.deepEqual(schema.properties.required_gates.items.enum, [...GATE_IDS]);
  assert.equal(policyValidator()({ floors: { 'gates.performance.p99_latency_ms': 800 }, min_canary_steps: 3 }), true);
});

test('floors take their direction from the card schema; the other limits are read as written', () => {
  const policy = policyOf('policy:\n  floors:\n    gates.performance.p99_latency_ms: 800\n    gates.robustness.suites.*.min_pass_rate: 0.95\n    gates.quality.slices.0.min_samples: 100\n  min_canary_steps: 3\n  required_gates: [data, quality]\n  max_deferral_days: 30\n');
  assert.deepEqual(policy.floors.map((f) => [f.path, f.direction, f.limit]), [
    ['gates.performance.p99_latency_ms', 'max', 800],
    ['gates.robustness.suites.*.min_pass_rate', 'min', 0.95],
    ['gates.quality.slices.0.min_samples', 'min', 100],
  ]);
  assert.equal(policy.minCanarySteps, 3);
  assert.deepEqual(policy.requiredGates, ['data', 'quality']);
  assert.equal(policy.maxDeferralDays, 30);
});

test('mistakes in the policy are located findings, and the mistaken limit is ignored, not half applied', () => {
  const text = [
    'policy:',
    '  floors:',
    '    gates.performance.p99_latency: 800',       // misspelt: did you mean
    '    gates.performance.fixed_before: 20',       // a date, not a number
    '    gates.performance.evidence: 3',            // no direction
    '    "gates/performance": 3',                   // not a path
    '    gates.quality.non_inferiority_delta: "0.01"', // wrong type
    '  min_canary_steps: 0',
    '  required_gates: [data, qualty]',
    '  max_deferal_days: 30',
    '',
  ].join('\n');
  const { config, findings } = parseProjectConfig('.release-gates.yaml', text);
  const seen = findings.map((f) => `${at(f)} ${f.code}`);
  assert.deepEqual(seen.sort(), [
    '10:3 config-unknown-key',
    '3:5 config-unknown-threshold',
    '4:5 config-unknown-threshold',
    '5:5 config-unknown-threshold',
    '6:5 config-unknown-threshold',
    '7:42 config-invalid-value',
    '8:21 config-invalid-value',
    '9:26 config-invalid-value',
  ].sort());
  assert.match(findings.find((f) => at(f) === '3:5')!.message, /Did you mean "gates\.performance\.p99_latency_ms"/);
  assert.match(findings.find((f) => at(f) === '4:5')!.message, /is a date, and floors are numbers/);
  assert.match(findings.find((f) => at(f) === '10:3')!.message, /did you mean "max_deferral_days"/);
  assert.deepEqual(config.policy?.floors, []);
  assert.equal(config.policy?.minCanarySteps, undefined);
  assert.equal(config.policy?.requiredGates, undefined);
});

test('non-finite and negative floors are refused by the policy schema rather than applied', () => {
  for (const bad of ['.nan', '.inf', '-.inf']) {
    const { config, findings } = parseProjectConfig('.release-gates.yaml', `policy:\n  floors:\n    gates.performance.p99_latency_ms: ${bad}\n`);
    assert.equal(findings.length, 1, `${bad}: ${findings.map((f) => f.message).join(' | ')}`);
    assert.equal(findings[0]!.code, 'config-invalid-value');
    assert.deepEqual(config.policy?.floors, []);
  }
});

test('the base card crosses none of a reasonable policy', () => {
  const policy = policyOf('policy:\n  floors:\n    gates.performance.p99_latency_ms: 800\n    gates.quality.non_inferiority_delta: 0.01\n    gates.rollback.max_rto_minutes: 30\n  min_canary_steps: 3\n  required_gates: [data, quality, performance, rollback]\n  max_deferral_days: 30\n');
  assert.deepEqual(policyFindings(BASE, policy), []);
});

test('a threshold looser than its floor is an error on the value, with both numbers for people', () => {
  const policy = policyOf('policy:\n  floors:\n    gates.performance.p99_latency_ms: 500\n    gates.performance.max_error_share: 0.001\n    gates.quality.min_samples: 10000\n');
  const found = policyFindings(BASE, policy);
  assert.deepEqual(found.map((f) => `${f.at} ${f.code} ${f.severity}`), ['40:21 policy-floor error', '41:22 policy-floor error', '30:18 policy-floor error'].sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0])));
  assert.match(found.find((f) => f.at === '40:21')!.message, /gates\.performance\.p99_latency_ms is 800 ms, looser than the project policy allows: gates\.performance\.p99_latency_ms must be at most 500 ms/);
  assert.match(found.find((f) => f.at === '41:22')!.message, /is 0\.8 %, .* at most 0\.1 %/);
  assert.match(found.find((f) => f.at === '30:18')!.message, /is 5000, .* at least 10,000/);
});

test('wildcards judge every item that sets the key; a missing threshold uses the schema default or is reported as not set', () => {
  const card = BASE.replace('      - { name: missing values, kind: missing_values, evidence: evidence/robustness/missing.csv }', '      - { name: missing values, kind: missing_values, evidence: evidence/robustness/missing.csv, min_pass_rate: 0.9 }\n      - { name: rare, kind: rare_categories, evidence: evidence/robustness/rare.csv, min_pass_rate: 0.99 }');
  const policy = policyOf('policy:\n  floors:\n    gates.robustness.suites.*.min_pass_rate: 0.95\n    gates.quality.confidence: 0.99\n    gates.performance.p95_latency_ms: 500\n');
  const found = policyFindings(card, policy);
  assert.deepEqual(found.map((f) => f.code), ['policy-floor', 'policy-floor', 'policy-floor']);
  assert.ok(found.some((f) => /suites\.0\.min_pass_rate is 90 %/.test(f.message)));
  assert.ok(found.some((f) => /gates\.quality\.confidence is 0\.95 \(the default, as the card does not set it\)/.test(f.message)));
  assert.ok(found.some((f) => /gates\.performance\.p95_latency_ms is not set/.test(f.message)));
});

test('too few canary steps, a required gate deferred, asserted or missing, a deferral too long', () => {
  const card = BASE
    .replace('  steps: [5, 25, 50, 100]', '  steps: [50, 100]')
    .replace('profile: full', 'profile: small-internal-service')
    .replace(/  cost:\n(    .*\n)+/, '  cost_gate: pass\n')
    .replace(/  robustness:\n(    .*\n)+/, '')
    + 'deferrals:\n  - { gate: robustness, owner: team-churn-ml, deadline: 2027-06-01, reason: suites not written yet }\n';
  const policy = policyOf('policy:\n  min_canary_steps: 3\n  required_gates: [robustness, cost, observability]\n  max_deferral_days: 30\n');
  const found = policyFindings(card, policy);
  const codes = found.map((f) => f.code).sort();
  assert.deepEqual(codes, ['policy-canary-steps', 'policy-deferral-days', 'policy-required-gate', 'policy-required-gate']);
  assert.match(found.find((f) => f.code === 'policy-canary-steps')!.message, /\[50, 100\] has 1 step below 100 %; the project policy requires at least 3 .* e\.g\. \[5, 25, 50, 100\]/);
  assert.ok(found.some((f) => /robustness gate is deferred/.test(f.message)));
  assert.ok(found.some((f) => /cost gate is only asserted/.test(f.message)));
  assert.match(found.find((f) => f.code === 'policy-deferral-days')!.message, /runs to 2027-06-01, 188 days from now; .* at most 30 days, so a deferred gate cannot become permanent\. Move the deadline to 2026-12-26 or earlier/);
});

test('wrong-typed card values are the schema\'s finding, never a policy pass or a crash', () => {
  const policy = policyOf('policy:\n  floors:\n    gates.performance.p99_latency_ms: 800\n  min_canary_steps: 3\n  max_deferral_days: 30\n');
  for (const replacement of ['p99_latency_ms: "900ms"', 'p99_latency_ms: .nan', 'p99_latency_ms: [900]', 'p99_latency_ms: null']) {
    const card = BASE.replace('    p99_latency_ms: 800', `    ${replacement}`);
    const all = check(card, { policy } as never);
    assert.ok(all.some((f) => f.severity === 'error'), `${replacement}: no error at all`);
  }
  const card = BASE.replace('  steps: [5, 25, 50, 100]', '  steps: "5,25,50,100"');
  assert.ok(policyFindings(card, policy).some((f) => f.code === 'policy-canary-steps'));
});

test('every policy code is described, links to docs/review.md and is an error', () => {
  for (const code of Object.keys(POLICY_CODES)) {
    const d = describeCode(code);
    assert.equal(d.severity, 'error');
    assert.match(d.href ?? '', /docs\/review\.md#policy-floors$/);
  }
});
