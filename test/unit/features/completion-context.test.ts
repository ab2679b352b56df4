// Where the cursor is while a card is being typed: block keys and values, sequence items, flow
// collections, half-written lines, and the places nothing should be offered (comments, block text).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cardOfLines } from '../../../bench/cards';
import { cursorContext } from '../../../server/src/features/completion/context';
import { scanFlow } from '../../../server/src/features/completion/flow';
import { withCursor } from './helpers';

/** The context at the marked cursor, without the value reader. */
function at(marked: string): object | undefined {
  const { text, position } = withCursor(marked);
  const ctx = cursorContext(text, position);
  if (!ctx) return undefined;
  const { valueAt: _drop, ...rest } = ctx;
  return rest;
}

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

describe('cursor context', () => {
  it('places a partial key in its mapping by indentation and lists the keys already there', () => {
    assert.deepEqual(at('gates:\n  performance:\n    evidence: a\n    p9|\n    min_samples: 5\nrollout: {}\n'), {
      kind: 'key', path: ['gates', 'performance'], prefix: 'p9', range: range(3, 4, 6), present: ['evidence', 'min_samples'],
      flow: false, column: 4, indent: 4, itemValue: false, needsSpace: false, siblings: [], hasColon: false,
    });
  });

  it('offers top-level keys on an empty document and on a blank line at column 0', () => {
    assert.deepEqual(at('|'), { kind: 'key', path: [], prefix: '', range: range(0, 0, 0), present: [], flow: false, column: 0, indent: 0, itemValue: false, needsSpace: false, siblings: [], hasColon: false });
    assert.deepEqual((at('release_id: x\n|\nrollout:\n  strategy: canary\n') as { present: string[] }).present, ['release_id', 'rollout']);
  });

  it('places a key typed in a list item of mappings', () => {
    const ctx = at('gates:\n  robustness:\n    suites:\n      - name: a\n        ki|\n      - name: b\n') as { path: unknown; present: unknown; column: number };
    assert.deepEqual([ctx.path, ctx.present, ctx.column], [['gates', 'robustness', 'suites', 0], ['name'], 8]);
    const first = at('gates:\n  robustness:\n    suites:\n      - |\n') as { column: number; indent: number };
    assert.deepEqual([first.column, first.indent], [8, 6]);
  });

  it('treats `- word` as both the first key of an item and a scalar item', () => {
    const ctx = at('gates:\n  rollback:\n    scope:\n      - mo|\n') as { kind: string; path: unknown; itemValue: boolean; prefix: string };
    assert.deepEqual([ctx.kind, ctx.path, ctx.itemValue, ctx.prefix], ['key', ['gates', 'rollback', 'scope', 0], true, 'mo']);
  });

  it('reads a value after `key: ` and one right after the colon', () => {
    assert.deepEqual(at('rollout:\n  strategy: ca|\n'), {
      kind: 'value', path: ['rollout', 'strategy'], prefix: 'ca', range: range(1, 12, 14), present: [], flow: false, column: 2, indent: 2, itemValue: false, needsSpace: false, siblings: [], hasColon: false,
    });
    assert.equal((at('rollout:\n  strategy:|\n') as { needsSpace: boolean }).needsSpace, true);
  });

  it('reads values and keys inside flow collections', () => {
    const seq = at('gates:\n  rollback:\n    scope: [model, th|\n') as { kind: string; path: unknown; prefix: string; flow: boolean };
    assert.deepEqual([seq.kind, seq.path, seq.prefix, seq.flow], ['value', ['gates', 'rollback', 'scope', 1], 'th', true]);
    const map = at('artifacts:\n  model_signature:\n    inputs:\n      - { name: a, type: lo|\n') as { kind: string; path: unknown; prefix: string };
    assert.deepEqual([map.kind, map.path, map.prefix], ['value', ['artifacts', 'model_signature', 'inputs', 0, 'type'], 'lo']);
    const key = at('artifacts:\n  model_signature:\n    inputs:\n      - { name: a, |}\n') as { kind: string; path: unknown; present: unknown };
    assert.deepEqual([key.kind, key.path, key.present], ['key', ['artifacts', 'model_signature', 'inputs', 0], ['name']]);
  });

  it('covers the rest of the word after the cursor, and notices a key that already has its colon', () => {
    const key = at('rollout:\n  stra|tegy: canary\n') as { range: unknown; hasColon: boolean; prefix: string };
    assert.deepEqual([key.range, key.hasColon, key.prefix], [range(1, 2, 10), true, 'stra']);
    const value = at('rollout:\n  strategy: can|ary  # note\n') as { range: unknown };
    assert.deepEqual(value.range, range(1, 12, 18));
    const item = at('x:\n  scope: [mo|del, b]\n') as { range: unknown };
    assert.deepEqual(item.range, range(1, 10, 15));
  });

  it('knows the items already in the list, block or flow', () => {
    assert.deepEqual((at('scope:\n  - model\n  - |\n  - thresholds\n') as { siblings: string[] }).siblings, ['model', 'thresholds']);
    assert.deepEqual((at('scope: [model, "thresholds", |]\n') as { siblings: string[] }).siblings, ['model', 'thresholds']);
  });

  it('strips an opening quote from the typed value', () => {
    const ctx = at('gates:\n  performance:\n    evidence: "evi|\n') as { prefix: string; range: unknown };
    assert.deepEqual([ctx.prefix, ctx.range], ['evi', range(2, 15, 18)]);
  });

  it('offers nothing in comments or inside block scalars', () => {
    assert.equal(at('# a comm|\n'), undefined);
    assert.equal(at('rollout:\n  strategy: canary  # can|\n'), undefined);
    assert.equal(at('description: >-\n  hello\n  |\nx: 1\n'), undefined);
    assert.equal(at('suites:|\n  - name: a\n'), undefined);
    assert.equal(at('suites:|\n- name: a\n'), undefined);
    assert.notEqual(at('rollout:\n  strategy:|\n  # note\n  steps: [1]\n'), undefined);
  });

  it('offers nothing in a file past the parse limits', () => {
    assert.equal(at('x: 1\n' + '#'.repeat(2 * 1024 * 1024) + '\n|'), undefined);
  });

  it('answers with keys even when the rest of the card is broken', () => {
    const ctx = at('gates:\n  performance:\n    |\nrollout:\n  steps: [5, 25\n') as { path: unknown };
    assert.deepEqual(ctx.path, ['gates', 'performance']);
  });
});

describe('flow scanner', () => {
  it('tracks nesting, indices, keys and quotes', () => {
    assert.deepEqual(scanFlow('[a, "b, c", d'), { kind: 'value', path: [2], prefix: 'd', present: ['a', 'b, c'], inFlow: true });
    assert.deepEqual(scanFlow('{ a: [1, {b: 2, c'), { kind: 'key', path: ['a', 1], prefix: 'c', present: ['b'], inFlow: true });
    assert.deepEqual(scanFlow('plain text'), { kind: 'value', path: [], prefix: 'plain text', present: [], inFlow: false });
  });

  it('gives up on closed collections followed by text and on complex keys', () => {
    assert.equal(scanFlow('[1, 2] x'), undefined);
    assert.equal(scanFlow('{ {a'), undefined);
    assert.equal(scanFlow('{ a b c'), undefined);
  });

});

// A large card is completed from the top-level block around the cursor (issue 13: a parse of the
// whole card per keystroke queued requests during a burst); the answers are the same.
describe('cursor context on a large card', () => {
  it('answers on a large card as on the whole text, from the block around the cursor', () => {
    const example = readFileSync(resolve(__dirname, '../../../examples/churn/release-card.yaml'), 'utf8');
    const big = cardOfLines(example, 3000);
    assert.ok(big.length > 64 * 1024);
    const contextAfter = (text: string, needle: string, typed: string): object | undefined => {
      const patched = text.replace(needle, `${needle}${typed}\n`);
      const line = patched.slice(0, patched.indexOf(needle) + needle.length).split('\n').length - 1;
      const ctx = cursorContext(patched, { line, character: typed.length });
      if (!ctx) return undefined;
      const { valueAt: _drop, range: _range, ...rest } = ctx;
      return rest;
    };
    for (const [needle, typed] of [['  metrics_source: prometheus\n', '  st'], ['    p99_latency_ms: 800                          # same as slo.latency_p99_ms and the auto-rollback condition\n', '    max_']] as const) {
      const small = contextAfter(example, needle, typed);
      assert.ok(small);
      assert.deepEqual(contextAfter(big, needle, typed), small);
    }
  });
});
