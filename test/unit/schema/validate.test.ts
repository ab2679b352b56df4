import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { validateCard } from '../../../server/src/schema/validate';
import { closest, editDistance } from '../../../server/src/schema/suggest';
import { MINIMAL, rangeOf } from '../card/helpers';

function validate(text: string) {
  return validateCard(new Card('test.release.yaml', parseCard(text)));
}

describe('schema errors mapped to YAML ranges', () => {
  it('finds nothing in a minimal valid card', () => {
    assert.deepEqual(validate(MINIMAL), []);
  });

  it('underlines an unknown key, suggests the closest key and offers a rename', () => {
    const text = MINIMAL.replace('  steps:', '  stpes:');
    const findings = validate(text);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.code, 'schema-unknown-property');
    assert.deepEqual(f?.range, rangeOf(text, 'stpes'));
    assert.match(f?.message ?? '', /did you mean "steps"\?/);
    assert.deepEqual(f?.fixes?.[0]?.edits, [{ range: rangeOf(text, 'stpes'), newText: 'steps' }]);
  });

  it('lists allowed keys when nothing is close', () => {
    const text = MINIMAL + 'zzzzzz: 1\n';
    const [f] = validate(text);
    assert.equal(f?.code, 'schema-unknown-property');
    assert.match(f?.message ?? '', /Allowed here: release_id, owner/);
    assert.equal(f?.fixes, undefined);
  });

  it('underlines a wrong type on the value and hints at units written into numbers', () => {
    const text = MINIMAL.replace('[5, 25, 50, 100]', '[5, "25%", 50, 100]');
    const findings = validate(text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.code, 'schema-type');
    assert.deepEqual(findings[0]?.range, rangeOf(text, '"25%"'));
    assert.match(findings[0]?.message ?? '', /rollout\.steps\[1\] must be a number, not the string "25%"\. Write 25: numbers in a card are bare/);
  });

  it('converts a percentage written on a share into the share', () => {
    const text = MINIMAL.replace('  data_gate: pass\n', '  performance:\n    evidence: perf/requests.csv\n    max_error_share: 0.8%\n');
    const [f] = validate(text).filter((x) => x.code === 'schema-type');
    assert.deepEqual(f?.range, rangeOf(text, '0.8%'));
    assert.match(f?.message ?? '', /Write 0\.008: the unit is part of the key name \(a share from 0 to 1\)\./);
    assert.deepEqual(f?.fixes?.[0]?.edits, [{ range: rangeOf(text, '0.8%'), newText: '0.008' }]);
  });

  it('underlines an enum value with did-you-mean and a replacement fix', () => {
    const text = MINIMAL.replace('strategy: canary', 'strategy: canery');
    const [f] = validate(text);
    assert.equal(f?.code, 'schema-enum');
    assert.deepEqual(f?.range, rangeOf(text, 'canery'));
    assert.match(f?.message ?? '', /did you mean "canary"\?/);
    assert.equal(f?.fixes?.[0]?.edits[0]?.newText, 'canary');
  });

  it("underlines the parent's key for a missing property and says what it is for", () => {
    const text = MINIMAL.replace('  strategy: canary\n', '');
    const [f] = validate(text);
    assert.equal(f?.code, 'schema-required');
    assert.deepEqual(f?.range, rangeOf(text, 'rollout'));
    assert.match(f?.message ?? '', /^rollout is missing "strategy"\. Rollout strategy\./);
  });

  it('reports a missing top-level property on the first key of the card', () => {
    const text = MINIMAL.replace(/rollout:[\s\S]*$/, '');
    const [f] = validate(text);
    assert.equal(f?.code, 'schema-required');
    assert.deepEqual(f?.range, rangeOf(text, 'release_id'));
    assert.match(f?.message ?? '', /^The card is missing "rollout"/);
  });

  it('reports a missing property of a list item on the first key of that item', () => {
    const text = MINIMAL + 'deferrals:\n  - owner: alice\n    deadline: 2026-12-31\n';
    const findings = validate(text).filter((f) => f.code === 'schema-required');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]?.range, rangeOf(text, 'owner'));
    assert.match(findings[0]?.message ?? '', /deferrals\[0\] is missing "gate"/);
  });

  it('underlines an out-of-range number', () => {
    const text = MINIMAL.replace('[5, 25, 50, 100]', '[5, 25, 50, 120]');
    const [f] = validate(text);
    assert.equal(f?.code, 'schema-range');
    assert.deepEqual(f?.range, rangeOf(text, '120'));
  });

  it('shows only the most plausible oneOf alternative', () => {
    const text = MINIMAL + 'slo:\n  objective_percent: 99.9\n  sli:\n    good_query: sum(rate(ok[5m]))\n';
    const findings = validate(text);
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(findings[0]?.code, 'schema-required');
    assert.match(findings[0]?.message ?? '', /slo\.sli is missing "total_query"/);
    assert.deepEqual(findings[0]?.range, rangeOf(text, 'sli'));
  });

  it('prefers the alternative whose type matches (a string branch for a string value)', () => {
    const text = MINIMAL.replace('steps: [5, 25, 50, 100]', 'steps: [5, 25, 50, 100]\n  auto_rollback_on:\n    - 42');
    const findings = validate(text);
    assert.ok(findings.length >= 1);
    assert.ok(findings.every((f) => f.range.start.line === rangeOf(text, '42').start.line), JSON.stringify(findings));
  });

  it('underlines a malformed value with an example of the right form', () => {
    const text = MINIMAL.replace('models:/churn-model/43', 'churn-model');
    const [f] = validate(text);
    assert.equal(f?.code, 'schema-format');
    assert.deepEqual(f?.range, rangeOf(text, 'churn-model'));
    assert.match(f?.message ?? '', /For example:/);
  });
});

describe('suggestions', () => {
  it('counts a transposition as one edit and ignores case and separators', () => {
    assert.equal(editDistance('stpes', 'steps'), 1);
    assert.equal(closest('p99LatencyMs', ['p99_latency_ms', 'p95_latency_ms']), 'p99_latency_ms');
    assert.equal(closest('qqq', ['steps', 'strategy']), undefined);
  });
});

describe('numeric thresholds of the issue "fail closed everywhere" are typed and ranged', () => {
  const churn = readFileSync(resolve(__dirname, '../../../examples/churn/release-card.yaml'), 'utf8');
  const cases: [string, RegExp, string, string][] = [
    ['p99_latency_ms as a string', /^ {4}p99_latency_ms: 800 .*$/m, '    p99_latency_ms: "800"', 'schema-type'],
    ['p99_latency_ms with its unit', /^ {4}p99_latency_ms: 800 .*$/m, '    p99_latency_ms: 800ms', 'schema-type'],
    ['a misspelt p99 key', /^ {4}p99_latency_ms: 800 .*$/m, '    p99_latency_msec: 800', 'schema-unknown-property'],
    ['max_rto_minutes with its unit', /^ {4}max_rto_minutes: 15$/m, '    max_rto_minutes: "10m"', 'schema-type'],
    ['traffic_share as a percentage', /^ {4}traffic_share: 0\.35 .*$/m, '    traffic_share: 25', 'schema-range'],
    ['a negative latency', /^ {4}p95_latency_ms: 350 .*$/m, '    p95_latency_ms: -1', 'schema-range'],
    ['bootstrap resamples beyond any use', /resamples: 1000,/, 'resamples: 1000000000,', 'schema-range'],
    ['a seed that wraps to another seed', /seed: 20261126,/, 'seed: 4294967296,', 'schema-range'],
    ['a cost horizon beyond a year', /horizons_days: \[7, 30\]/, 'horizons_days: [7, 400]', 'schema-range'],
  ];
  it('keeps the churn example valid', () => {
    assert.deepEqual(validate(churn), []);
  });
  for (const [name, from, to, code] of cases) {
    it(`reports ${name} as ${code}`, () => {
      assert.match(churn, from);
      const findings = validate(churn.replace(from, to));
      assert.deepEqual(findings.map((f) => f.code), [code], JSON.stringify(findings.map((f) => f.message)));
    });
  }
});
