import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { robustnessGate } from '../../../server/src/gates/robustness';
import { foldStatus } from '../../../server/src/gates/engine/types';
import { card, check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('robustness');

/** A suite line for the card; every common area is covered by `all_pass.csv` unless replaced. */
function suites(extra: string[] = [], systemType = 'tabular'): string {
  const common = [
    '{ name: missing values, kind: missing_values, evidence: all_pass.csv, min_cases: 4 }',
    '{ name: store slow, kind: degraded_dependency, evidence: all_pass.csv }',
    '{ name: fallback, kind: fallback, evidence: all_pass.csv }',
    '{ name: opted out, kind: policy, evidence: all_pass.csv }',
  ];
  return `robustness:\n  system_type: ${systemType}\n  suites:\n${[...common, ...extra].map((s) => `    - ${s}`).join('\n')}`;
}

describe('robustness gate', () => {
  it('passes when every suite passes and every area is covered', async () => {
    const checks = await runGate(robustnessGate, card(suites()), dir);
    assert.equal(foldStatus(checks), 'pass');
    const rate = check(checks, 'suite.missing_values.pass_rate');
    assert.equal(rate.observed, 1);
    assert.equal(rate.threshold, 1);
    assert.equal(rate.sampleSize, 4);
    assert.deepEqual(rate.at, ['gates', 'robustness', 'suites', 0, 'min_pass_rate']);
    assert.equal(check(checks, 'suite.missing_values.cases').observed, 4);
    assert.equal(check(checks, 'scope.edge_cases').status, 'pass');
  });

  it('fails a suite below its pass rate and names the failing cases', async () => {
    const checks = await runGate(robustnessGate, card(suites(['{ name: rare cats, kind: rare_categories, evidence: two_fail.csv }'])), dir);
    const c = check(checks, 'suite.rare_cats.pass_rate');
    assert.equal(c.status, 'fail');
    assert.equal(c.observed, 0.5); // 2 of 4 pass
    assert.match(c.message, /rc-02, rc-04/);
    assert.deepEqual(c.evidence, { file: 'two_fail.csv', row: 2, column: 'passed' });
    assert.equal(foldStatus(checks), 'fail');
  });

  it('passes the same suite when its min_pass_rate allows half', async () => {
    const checks = await runGate(robustnessGate, card(suites(['{ name: rare cats, kind: rare_categories, evidence: two_fail.csv, min_pass_rate: 0.5 }'])), dir);
    assert.equal(check(checks, 'suite.rare_cats.pass_rate').status, 'pass');
  });

  it('errors on too few cases, a missing file, a case without result and a missing result column', async () => {
    const checks = await runGate(robustnessGate, card(suites([
      '{ name: few, kind: extreme_ranges, evidence: all_pass.csv, min_cases: 10 }',
      '{ name: gone, kind: edge_case, evidence: nowhere.csv }',
      '{ name: unknown, kind: fallback, evidence: unknown_result.csv }',
      '{ name: other, kind: policy, evidence: other_column.csv }',
      '{ name: renamed, kind: policy, evidence: other_column.csv, result_column: ok }',
    ])), dir);
    const few = check(checks, 'suite.few.cases');
    assert.deepEqual([few.status, few.observed, few.threshold], ['error', 4, 10]);
    assert.equal(check(checks, 'suite.gone.pass_rate').status, 'error');
    assert.match(check(checks, 'suite.gone.pass_rate').message, /nowhere\.csv/);
    assert.equal(check(checks, 'suite.unknown.pass_rate').status, 'error');
    assert.match(check(checks, 'suite.other.pass_rate').message, /passed is not in the file/);
    assert.equal(check(checks, 'suite.renamed.pass_rate').status, 'pass');
    assert.equal(foldStatus(checks), 'error');
  });

  it('requires injection and unsafe tool-call suites for a RAG system', async () => {
    const checks = await runGate(robustnessGate, card(suites([], 'rag')), dir);
    assert.equal(check(checks, 'scope.prompt_injection').status, 'error');
    assert.deepEqual(check(checks, 'scope.unsafe_tool_call').at, ['gates', 'robustness', 'system_type']);
    const ok = await runGate(robustnessGate, card(suites([
      '{ name: injection, kind: prompt_injection, evidence: all_pass.csv }',
      '{ name: tools, kind: unsafe_tool_call, evidence: all_pass.csv }',
    ], 'llm')), dir);
    assert.equal(foldStatus(ok), 'pass');
  });

  it('errors when an area is not covered or there are no suites', async () => {
    const checks = await runGate(robustnessGate, card('robustness:\n  suites:\n    - { name: only, kind: missing_values, evidence: all_pass.csv }'), dir);
    assert.equal(check(checks, 'scope.fallback').status, 'error');
    assert.equal(check(checks, 'scope.edge_cases').status, 'pass');
    const none = await runGate(robustnessGate, card('robustness:\n  suites: []'), dir);
    assert.deepEqual(none.map((c) => [c.id, c.status]), [['suites', 'error']]);
  });
});
