import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { robustnessGate } from '../../../server/src/gates/robustness';
import { foldStatus } from '../../../server/src/gates/engine/types';
import { card, check, fixtureDir, runGate } from './robustness-context';

const dir = fixtureDir('robustness');

/** A suite line for the card; every common area is covered by its own all-passing file unless replaced. */
function suites(extra: string[] = [], systemType = 'tabular'): string {
  const common = [
    '{ name: missing values, kind: missing_values, evidence: all_pass.csv, min_cases: 4 }',
    '{ name: store slow, kind: degraded_dependency, evidence: store_slow.csv }',
    '{ name: fallback, kind: fallback, evidence: fallback.csv }',
    '{ name: opted out, kind: policy, evidence: policy.csv }',
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
      '{ name: few, kind: extreme_ranges, evidence: extreme.csv, min_cases: 10 }',
      '{ name: gone, kind: edge_case, evidence: nowhere.csv }',
      '{ name: unknown, kind: fallback, evidence: unknown_result.csv }',
      '{ name: other, kind: policy, evidence: other_column.csv }',
      '{ name: renamed, kind: policy, evidence: ok_column.csv, result_column: ok }',
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
      '{ name: injection, kind: prompt_injection, evidence: injection.csv }',
      '{ name: tools, kind: unsafe_tool_call, evidence: tools.csv }',
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

// Regression tests of issue 12 ("Fail closed everywhere"): a case counted more than once cannot lift a
// suite over its pass rate. two_fail.csv passes 2 of 4 cases; padded.csv adds 600 copies of rc-01.
describe('robustness gate: duplicated cases block (issue 12)', () => {
  /** The common suites plus one suite line. */
  const run = (suite: string) => runGate(robustnessGate, card(suites([suite])), dir);

  it('600 copies of one passing case are an error instead of lifting a failing suite to 99.7 %', async () => {
    const checks = await run('{ name: rare cats, kind: rare_categories, evidence: padded.csv, min_pass_rate: 0.9, min_cases: 100 }');
    const rate = check(checks, 'suite.rare_cats.pass_rate');
    assert.equal(rate.status, 'error');
    assert.match(rate.message, /600 rows of padded\.csv repeat the case_id of an earlier row \(of 604 rows; first: data row 5 repeats row 1\)/);
    assert.match(rate.message, /duplicate_cases: count_once/);
    assert.deepEqual(rate.evidence, { file: 'padded.csv', column: 'case_id', row: 5 });
    assert.equal(check(checks, 'suite.rare_cats.cases').status, 'error');
    assert.equal(foldStatus(checks), 'error');
  });

  it('without a case id column, whole-row copies are the duplicates', async () => {
    const checks = await run('{ name: rare cats, kind: rare_categories, evidence: padded_no_id.csv, min_pass_rate: 0.9 }');
    assert.match(check(checks, 'suite.rare_cats.pass_rate').message, /600 rows of padded_no_id\.csv repeat an earlier row in every column/);
  });

  it('a file of bare results cannot tell its cases apart', async () => {
    const checks = await run('{ name: bare, kind: rare_categories, evidence: results_only.csv }');
    assert.equal(check(checks, 'suite.bare.pass_rate').status, 'error');
  });

  it('duplicate_cases: count_once counts each case once, failing if any of its runs failed', async () => {
    const padded = await run('{ name: rare cats, kind: rare_categories, evidence: padded.csv, min_pass_rate: 0.9, min_cases: 4, duplicate_cases: count_once }');
    const rate = check(padded, 'suite.rare_cats.pass_rate');
    assert.deepEqual([rate.status, rate.observed, rate.sampleSize], ['fail', 0.5, 4]);
    assert.equal(check(padded, 'suite.rare_cats.cases').observed, 4);
    const flaky = await run('{ name: flaky, kind: rare_categories, evidence: flaky.csv, duplicate_cases: count_once }');
    const f = check(flaky, 'suite.flaky.pass_rate');
    assert.deepEqual([f.status, f.observed, f.sampleSize], ['fail', 2 / 3, 3]);
    assert.match(f.message, /Failing: rc-02\./);
  });

  it('a blank case id is an error, and so is a case_id_column that is not in the file', async () => {
    const blank = await run('{ name: blank, kind: rare_categories, evidence: blank_id.csv }');
    assert.match(check(blank, 'suite.blank.pass_rate').message, /column case_id of blank_id\.csv: 1 missing of 3 cells, first at data row 2/);
    const named = await run('{ name: named, kind: rare_categories, evidence: extreme.csv, case_id_column: id }');
    assert.equal(check(named, 'suite.named.pass_rate').status, 'error');
    assert.match(check(named, 'suite.named.pass_rate').message, /case_id_column id is not a column of extreme\.csv/);
  });
});

describe('robustness gate: one results file for several suites (issue 12)', () => {
  it('a suite whose results have the same content as an earlier suite\'s is an error, not a second covered area', async () => {
    const checks = await runGate(robustnessGate, card(suites(['{ name: extremes, kind: extreme_ranges, evidence: all_pass_copy.csv }'])), dir);
    const c = check(checks, 'suite.extremes.pass_rate');
    assert.equal(c.status, 'error');
    assert.match(c.message, /reads the same results as suite 'missing values' \(missing_values\): all_pass_copy\.csv and all_pass\.csv have identical content/);
    assert.equal(foldStatus(checks), 'error');
  });
});
