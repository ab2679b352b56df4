// Completion items on fixture texts: keys with detail, documentation and snippets (gate skeletons
// under `gates:`), enum and boolean values, evidence paths, and the exact edit ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type TextEdit } from 'vscode-languageserver';
import { completeAt, indentUnit, plainOrQuoted, type CompletionEnv } from '../../../server/src/features/completion';
import { retriggerCommandOf } from '../../../server/src/features/completion/request';
import { SCHEMA, withCursor } from './helpers';

const FILES = ['evidence/perf/requests.csv', 'runbooks/churn.md'];

function complete(marked: string, env: Partial<CompletionEnv> = {}): CompletionItem[] {
  const { text, position } = withCursor(marked);
  return completeAt(text, position, { schema: SCHEMA, listFiles: () => FILES, ...env });
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
const edit = (item: CompletionItem | undefined): TextEdit => item?.textEdit as TextEdit;
const find = (items: CompletionItem[], label: string): CompletionItem => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} in ${labels(items).join(', ')}`);
  return item;
};

describe('key completion', () => {
  it('offers the keys of the mapping that are not written yet, required ones sorted first', () => {
    const items = complete('release_id: x\n|\nrollout:\n  strategy: canary\n');
    assert.deepEqual(labels(items), ['owner', 'description', 'profile', 'labels', 'artifacts', 'baseline', 'slo', 'gates', 'deferrals', 'post_release']);
    const sorted = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    assert.deepEqual(labels(sorted).slice(0, 2), ['artifacts', 'gates']);
  });

  it('describes a key: type and unit as detail, markdown description as documentation', () => {
    const item = find(complete('gates:\n  performance:\n    evidence: a\n    p9|\n'), 'p99_latency_ms');
    assert.equal(item.detail, 'number · milliseconds');
    assert.equal(item.kind, CompletionItemKind.Property);
    assert.deepEqual(item.documentation, {
      kind: 'markdown',
      value: '**p99_latency_ms** · `number` · in milliseconds\n\nLargest allowed 99th-percentile latency of warm requests (all requests when there is no cold_start column), in milliseconds.\n\nRange: 0 < x',
    });
    assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(item.insertTextMode, InsertTextMode.adjustIndentation);
    assert.deepEqual(edit(item), { range: { start: { line: 3, character: 4 }, end: { line: 3, character: 6 } }, newText: 'p99_latency_ms: ${1}' });
  });

  it('writes defaults, examples and enum choices into scalar snippets', () => {
    const items = complete('gates:\n  performance:\n    |\n');
    assert.equal(edit(find(items, 'max_error_share')).newText, 'max_error_share: ${1:0.008}');
    const drift = complete('gates:\n  data:\n    drift:\n      |\n');
    assert.equal(edit(find(drift, 'method')).newText, 'method: ${1|auto,ks,chi2,z,wasserstein,jensenshannon,psi|}');
    assert.equal(edit(find(drift, 'drift_share')).newText, 'drift_share: ${1:0.5}');
  });

  it('writes nested skeletons for objects with their required keys, indented relative to the line', () => {
    const items = complete('release_id: x\n|');
    assert.equal(edit(find(items, 'rollout')).newText, 'rollout:\n  strategy: ${1|canary,blue_green,shadow,rolling,all_at_once|}');
    assert.equal(edit(find(items, 'deferrals')).newText, 'deferrals:\n  - gate: ${1|data,quality,robustness,performance,cost,observability,rollback|}');
    assert.equal(edit(find(items, 'labels')).newText, 'labels:\n  $1');
    const nested = complete('artifacts:\n  model_uri: models:/m/1\nbaseline:\n  |\n');
    assert.equal(edit(find(nested, 'artifacts')).newText, 'artifacts:\n  $1');
    const item = complete('gates:\n  robustness:\n    suites:\n      - |\n');
    assert.equal(edit(find(item, 'evidence')).newText, 'evidence: ${1:evidence/robustness/missing_values.csv}');
    const alerts = complete('gates:\n  observability:\n    alerts:\n      - name: a\n        |\n');
    assert.equal(edit(find(alerts, 'owner')).newText, 'owner: ${1:team-churn-ml}');
  });

  it('follows the card\'s own indentation step', () => {
    assert.equal(indentUnit('a:\n    b: 1\n'), 4);
    assert.equal(indentUnit('a: 1\n'), 2);
    const items = complete('rollout:\n    strategy: canary\ngates:\n    |\n');
    assert.match(edit(find(items, 'performance')).newText, /^performance:\n {4}owner: /);
  });

  it('offers a skeleton for each gate definition with its usual thresholds', () => {
    const items = complete('gates:\n  |\n');
    const perf = find(items, 'performance');
    assert.equal(perf.kind, CompletionItemKind.Module);
    assert.equal(perf.detail, 'performance gate definition · object');
    assert.equal(edit(perf).newText, [
      'performance:',
      '  owner: ${1:team-churn-ml}',
      '  evidence: ${2:evidence/perf/requests.csv}',
      '  p95_latency_ms: ${3}',
      '  p99_latency_ms: ${4}',
      '  max_timeout_share: ${5:0.001}',
      '  max_error_share: ${6:0.008}',
      '  min_samples: ${7:10000}',
    ].join('\n'));
    assert.equal(edit(find(items, 'robustness')).newText.split('\n').slice(3, 6).join('\n'), '  suites:\n    - name: ${3}\n      kind: ${4|edge_case,missing_values,rare_categories,extreme_ranges,degraded_dependency,fallback,policy,prompt_injection,unsafe_tool_call|}');
    assert.match(edit(find(items, 'rollback')).newText, /\n {2}runbook:\n {4}path: \$\{7\}\n {4}owner: /);
    assert.equal(edit(find(items, 'data_gate')).newText, 'data_gate: ${1|pass,fail|}');
    const sorted = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    assert.deepEqual(labels(sorted).slice(-7), ['data_gate', 'quality_gate', 'robustness_gate', 'performance_gate', 'cost_gate', 'observability_gate', 'rollback_gate']);
  });

  it('keeps snippets on one line inside flow mappings and skips keys already written there', () => {
    const items = complete('gates:\n  performance:\n    cold_start: { p95_latency_ms: 900, |}\n');
    assert.deepEqual(labels(items), ['p99_latency_ms']);
    const flow = complete('gates:\n  robustness:\n    suites:\n      - { name: a, |\n');
    assert.equal(edit(find(flow, 'kind')).newText.includes('\n'), false);
  });

  it('stays quiet when a space is typed to indent a new line, but not after `- `', () => {
    assert.deepEqual(complete('gates:\n  |\n', { trigger: ' ' }), []);
    assert.deepEqual(labels(complete('gates:\n  rollback:\n    scope:\n      - |\n', { trigger: ' ' })), ['model', 'preprocessing', 'thresholds', 'runtime_parameters', 'feature_pipeline']);
  });

  it('offers nothing under keys the schema does not know, in scalars or comments', () => {
    assert.deepEqual(complete('rollout:\n  stpes:\n    |\n'), []);
    assert.deepEqual(complete('release_id:\n  |\n'), []);
    assert.deepEqual(complete('# |\n'), []);
  });
});

describe('value completion', () => {
  it('offers enum values with their meaning, the default preselected', () => {
    const items = complete('gates:\n  data:\n    drift:\n      method: |\n');
    assert.deepEqual(labels(items), ['auto', 'ks', 'chi2', 'z', 'wasserstein', 'jensenshannon', 'psi']);
    const auto = find(items, 'auto');
    assert.equal(auto.preselect, true);
    assert.equal(auto.kind, CompletionItemKind.EnumMember);
    assert.deepEqual(edit(auto), { range: { start: { line: 3, character: 14 }, end: { line: 3, character: 14 } }, newText: 'auto' });
  });

  it('uses the definition\'s wording for asserted statuses and inserts a space after a bare colon', () => {
    const items = complete('gates:\n  data_gate:|\n');
    assert.deepEqual(labels(items), ['pass', 'fail']);
    assert.equal(edit(items[0]).newText, ' pass');
    assert.match(String((items[0]?.documentation as { value: string }).value), /A gate status written by hand/);
  });

  it('offers booleans, flow list items and enum values inside flow mappings', () => {
    assert.deepEqual(labels(complete('gates:\n  data:\n    fields:\n      age: { type: numeric, nullable: |}\n')), ['true', 'false']);
    const scope = complete('gates:\n  rollback:\n    scope: [model, pre|]\n');
    assert.deepEqual(edit(find(scope, 'preprocessing')).range, { start: { line: 2, character: 19 }, end: { line: 2, character: 22 } });
    assert.deepEqual(labels(complete('artifacts:\n  model_signature:\n    inputs:\n      - { name: a, type: |}\n')).slice(0, 3), ['boolean', 'integer', 'long']);
  });

  it('skips values already in a list of unique items, and keeps repeats where the schema allows them', () => {
    assert.deepEqual(labels(complete('gates:\n  rollback:\n    scope: [model, thresholds, |]\n')), ['preprocessing', 'runtime_parameters', 'feature_pipeline']);
    assert.deepEqual(labels(complete('gates:\n  rollback:\n    scope:\n      - model\n      - |\n')), ['preprocessing', 'thresholds', 'runtime_parameters', 'feature_pipeline']);
  });

  it('replaces the whole word, and only renames a key that already has a value', () => {
    const item = find(complete('rollout:\n  stra|tegy: canary\n'), 'strategy');
    assert.deepEqual(edit(item), { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 10 } }, newText: 'strategy' });
    const value = find(complete('rollout:\n  strategy: can|ary\n'), 'shadow');
    assert.deepEqual(edit(value), { range: { start: { line: 1, character: 12 }, end: { line: 1, character: 18 } }, newText: 'shadow' });
  });

  it('offers workspace files for path properties, relative to the card', () => {
    const items = complete('gates:\n  performance:\n    evidence: evidence/|\n');
    assert.deepEqual(labels(items), FILES);
    assert.equal(find(items, 'runbooks/churn.md').kind, CompletionItemKind.File);
    assert.deepEqual(edit(items[0]).range, { start: { line: 2, character: 14 }, end: { line: 2, character: 23 } });
    assert.deepEqual(labels(complete('gates:\n  rollback:\n    runbook:\n      path: |\n')), FILES);
    assert.deepEqual(labels(complete('gates:\n  performance:\n    evidence: |\n', { listFiles: undefined })), []);
  });

  it('offers defaults and examples of free-form values, quoted where YAML would misread them', () => {
    const currency = complete('gates:\n  cost:\n    currency: |\n');
    assert.deepEqual(currency.map((i) => [i.label, i.detail, edit(i).newText]), [['USD', 'default', 'USD'], ['EUR', 'example', 'EUR']]);
    const owner = complete('owner:|\n');
    assert.deepEqual(owner.map((i) => edit(i).newText), [' team-churn-ml', ' "@alice"', ' ml-oncall@example.com']);
    assert.deepEqual(labels(complete('gates:\n  observability:\n    burn_rate_windows:\n      - { severity: page, long_window: |\n')), ['5m', '30m', '1h', '6h', '3d']);
  });

  it('quotes only the strings YAML would read as something else', () => {
    assert.deepEqual(['1', 'true', 'No', '@a', '- x', 'a: b', 'a #b', '', '.5', 'USD', 'models:/m@c', 'x-1', 3].map(plainOrQuoted),
      ['"1"', '"true"', '"No"', '"@a"', '"- x"', '"a: b"', '"a #b"', '""', '".5"', 'USD', 'models:/m@c', 'x-1', '3']);
  });
});

describe('path completion ranks the kind of file the key reads', () => {
  const MIXED = ['README.md', 'evidence/data/current.csv', 'evidence/perf/requests.parquet', 'schemas/churn-input.schema.json', 'schemas/notes.json', 'runbooks/churn.md'];
  const ranked = (marked: string): string[] =>
    [...complete(marked, { listFiles: () => MIXED })].filter((i) => i.kind === CompletionItemKind.File)
      .sort((a, b) => String(a.sortText).localeCompare(String(b.sortText))).map((i) => String(i.label));

  it('puts *.schema.json first for input_schema, then other JSON, README and CSVs last', () => {
    assert.deepEqual(ranked('artifacts:\n  input_schema: |\n'), ['schemas/churn-input.schema.json', 'schemas/notes.json', 'README.md', 'evidence/data/current.csv', 'evidence/perf/requests.parquet', 'runbooks/churn.md']);
  });

  it('puts evidence tables (any table format) first for evidence keys, with or without an example in the key', () => {
    for (const marked of ['gates:\n  performance:\n    evidence: |\n', 'gates:\n  rollback:\n    drill_log: |\n', 'gates:\n  robustness:\n    suites:\n      - evidence: |\n']) {
      const order = ranked(marked);
      assert.deepEqual(order.slice(0, 2), ['evidence/data/current.csv', 'evidence/perf/requests.parquet'], marked);
      assert.deepEqual(order.slice(-2), ['README.md', 'runbooks/churn.md'], marked);
    }
  });
});

describe('choosing a path key opens value completion', () => {
  it('asks the client to suggest again after inserting a path key, when the client announced a command', () => {
    const env = { retriggerCommand: 'editor.action.triggerSuggest' };
    const items = complete('gates:\n  performance:\n    |\n', env);
    assert.deepEqual(find(items, 'evidence').command, { title: 'Suggest files', command: 'editor.action.triggerSuggest' });
    assert.equal(find(items, 'p99_latency_ms').command, undefined, 'a number has no files to offer');
    assert.equal(find(complete('gates:\n  performance:\n    |\n'), 'evidence').command, undefined, 'other clients are never sent a command they did not announce');
    assert.equal(find(complete('gates:\n  performance:\n    |\n', { ...env, listFiles: undefined }), 'evidence').command, undefined, 'no folder, no files');
  });
});

describe('the retrigger command comes only from the client', () => {
  it('reads a command name from the initialization options, and nothing else', () => {
    assert.equal(retriggerCommandOf({ completion: { retriggerCommand: 'editor.action.triggerSuggest' } }), 'editor.action.triggerSuggest');
    for (const bad of [undefined, null, {}, { completion: null }, { completion: { retriggerCommand: 7 } }, { completion: { retriggerCommand: 'rm -rf /' } }]) assert.equal(retriggerCommandOf(bad), undefined);
  });
});
