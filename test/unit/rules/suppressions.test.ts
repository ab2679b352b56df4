// Inline suppressions: a reasoned suppression hides exactly the finding below it; a suppression
// without a reason, with an unknown id, or that suppresses nothing is itself a finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, at, check, fixTitled, only } from './helpers';

/** A card whose only rule finding besides placeholders is the unpinned image on line 6. */
function card(above = '', image = 'registry/preproc:latest'): string {
  return [
    'release_id: ml-2026-11-26.1',
    'owner: team-churn-ml',
    'artifacts:',
    '  model_uri: models:/churn-model/43',
    ...(above ? [above] : []),
    `  preprocessing_image: ${image}`,
    'gates: { data_gate: pass }',
    'rollout: { strategy: canary, steps: [5, 100] }',
    '',
  ].join('\n');
}

test('without a suppression the finding is reported', () => {
  assert.equal(only(check(card()), 'no-unpinned-artifact').length, 1);
});

test('a suppression with a reason hides the finding and reports nothing itself', () => {
  const findings = check(card('  # release-gates-disable-next-line no-unpinned-artifact -- vendor image, digest pinned at deploy'));
  assert.equal(only(findings, 'no-unpinned-artifact').length, 0);
  assert.deepEqual(findings.filter((f) => f.code.startsWith('suppression-')), []);
});

test('a suppression without a reason still suppresses, and is reported on the comment', () => {
  const text = card('  # release-gates-disable-next-line no-unpinned-artifact');
  const findings = check(text, { severities: { 'no-unpinned-artifact': 'warning' } });
  assert.equal(only(findings, 'no-unpinned-artifact').length, 0);
  const missing = only(findings, 'suppression-missing-reason');
  assert.equal(missing.length, 1);
  assert.equal(at(missing[0]!), '5:3');
  assert.equal(missing[0]!.severity, 'warning');
});

test('a suppression without a reason that hides an error-level finding is an error itself, so the release stays blocked', () => {
  // It used to be a warning, which let an unexplained suppression turn a blocking finding into a pass.
  const findings = check(card('  # release-gates-disable-next-line no-unpinned-artifact'));
  assert.equal(only(findings, 'no-unpinned-artifact').length, 0);
  const missing = only(findings, 'suppression-missing-reason');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]!.severity, 'error');
  assert.match(missing[0]!.message, /hides an error-level finding \(no-unpinned-artifact\) on line 6.*stays blocked/);
  assert.equal(only(check(card('  # release-gates-disable-next-line no-unpinned-artifact'), { severities: { 'suppression-missing-reason': 'off' } }), 'suppression-missing-reason').length, 0, 'off stays off');
});

test('the <reason> placeholder counts as no reason', () => {
  const findings = check(card('  # release-gates-disable-next-line no-unpinned-artifact -- <reason>'));
  assert.match(only(findings, 'suppression-missing-reason')[0]?.message ?? '', /placeholder/);
});

test('an unknown id is reported with a did-you-mean fix, and the finding stays', () => {
  const text = card('  # release-gates-disable-next-line no-unpinned-artefact -- vendor image');
  const findings = check(text);
  assert.equal(only(findings, 'no-unpinned-artifact').length, 1);
  const unknown = only(findings, 'suppression-unknown-rule');
  assert.equal(unknown.length, 1);
  assert.equal(at(unknown[0]!), '5:37');
  assert.match(unknown[0]!.message, /did you mean "no-unpinned-artifact"/);
  const fixed = applyFix(text, fixTitled(unknown[0], 'Change to'));
  assert.equal(only(check(fixed), 'no-unpinned-artifact').length, 0);
  assert.equal(check(fixed).filter((f) => f.code.startsWith('suppression-')).length, 0);
});

test('schema codes cannot be suppressed, and the message says so', () => {
  const findings = check(card('  # release-gates-disable-next-line schema-type -- no'));
  assert.match(only(findings, 'suppression-unknown-rule')[0]?.message ?? '', /cannot be suppressed/);
});

test('a suppression that suppresses nothing is reported and its fix removes the line', () => {
  const text = card('  # release-gates-disable-next-line no-unpinned-artifact -- stale', 'registry/preproc:1.13.0');
  const unused = only(check(text), 'suppression-unused');
  assert.equal(unused.length, 1);
  assert.match(unused[0]!.message, /line 6/);
  const fixed = applyFix(text, fixTitled(unused[0], 'Remove'));
  assert.equal(fixed, card('', 'registry/preproc:1.13.0'));
});

test('a suppression of a rule that is off is not reported as unused', () => {
  const text = card('  # release-gates-disable-next-line no-unpinned-artifact -- stale', 'registry/preproc:1.13.0');
  assert.equal(only(check(text, { severities: { 'no-unpinned-artifact': 'off' } }), 'suppression-unused').length, 0);
});

test('suppression codes are configurable like rules', () => {
  const text = card('  # release-gates-disable-next-line no-unpinned-artifact');
  assert.equal(only(check(text, { severities: { 'suppression-missing-reason': 'off' } }), 'suppression-missing-reason').length, 0);
  assert.equal(only(check(text, { severities: { 'suppression-missing-reason': 'error' } }), 'suppression-missing-reason')[0]?.severity, 'error');
});

test('a suppression applies to the next content line across comments and blank lines, and lists several ids', () => {
  const text = card('  # release-gates-disable-next-line no-unpinned-artifact, require-owner -- vendor image\n\n  # the image is the vendor\'s');
  const findings = check(text);
  assert.equal(only(findings, 'no-unpinned-artifact').length, 0);
  const unused = only(findings, 'suppression-unused');
  assert.equal(unused.length, 1, 'require-owner reports nothing on that line');
  assert.match(unused[0]!.message, /"require-owner"/);
  assert.equal(unused[0]!.fixes, undefined, 'no line removal when other ids are used');
});

test('a suppression naming no rule is reported', () => {
  const findings = check(card('  # release-gates-disable-next-line -- why'));
  assert.match(only(findings, 'suppression-unknown-rule')[0]?.message ?? '', /names no rule/);
});

test('the suppression quick fix inserts a comment that hides the finding and asks for a reason', () => {
  const text = card();
  const finding = only(check(text), 'no-unpinned-artifact')[0];
  const fix = fixTitled(finding, 'Suppress no-unpinned-artifact');
  const fixed = applyFix(text, fix);
  assert.equal(fixed, card('  # release-gates-disable-next-line no-unpinned-artifact -- <reason>'));
  const after = check(fixed);
  assert.equal(only(after, 'no-unpinned-artifact').length, 0);
  assert.equal(only(after, 'suppression-missing-reason').length, 1);
});

test('every rule finding carries the suppression fix last', () => {
  for (const f of check(card()).filter((x) => !x.code.startsWith('schema-'))) {
    assert.match(f.fixes?.at(-1)?.title ?? '', /^Suppress /, f.code);
  }
});

test('text inside a block scalar or a multi-line string that looks like a suppression is not one', () => {
  const text = card().replace('owner: team-churn-ml', [
    'owner: team-churn-ml',
    'description: |',
    '  How we silence the image check in other cards:',
    '  # release-gates-disable-next-line no-unpinned-artifact -- vendor image',
    'labels: { note: "two',
    '  # release-gates-disable-next-line no-such-rule',
    '  lines" }',
  ].join('\n'));
  const findings = check(text);
  assert.equal(only(findings, 'no-unpinned-artifact').length, 1, 'the finding is not suppressed by text');
  assert.deepEqual(findings.filter((f) => f.code.startsWith('suppression-')), [], 'and the text is not reported as a suppression');
});
