// Hover on keys (description, type, unit, default, allowed values, bounds), on enumerated values
// (what the value means), on free-form map entries, and nothing elsewhere; exact ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt, type HoverSection } from '../../../server/src/features/hover';
import { cardOf, SCHEMA, withCursor } from './helpers';

/** The hover text and range at the marked cursor. */
function hover(marked: string, sections?: HoverSection[]): { value: string; range: unknown } | null {
  const { text, position } = withCursor(marked);
  const h = hoverAt(cardOf(text), position, SCHEMA, sections);
  return h ? { value: (h.contents as { value: string }).value, range: h.range } : null;
}

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

describe('hover', () => {
  it('explains a key with its type, unit and bounds', () => {
    assert.deepEqual(hover('gates:\n  performance:\n    max_timeout_s|hare: 0.001\n'), {
      value: '**max_timeout_share** · `number` · in share (0..1)\n\nLargest allowed share of timed-out requests (0..1).\n\nRange: 0 ≤ x ≤ 1 · Example: `0.001`',
      range: range(2, 4, 21),
    });
  });

  it('shows required keys, allowed values and defaults', () => {
    assert.equal(hover('rollout:\n  str|ategy: canary\n')?.value, '**strategy** · `string` · required\n\nRollout strategy.\n\nAllowed: `canary`, `blue_green`, `shadow`, `rolling`, `all_at_once`');
    assert.match(hover('slo:\n  objective_percent: 99.9\n  period_d|ays: 30\n')?.value ?? '', /in days.*\n\n.*\n\nDefault: `30` · Range: 1 ≤ x ≤ 366$/);
  });

  it('explains an enumerated value and lists the others', () => {
    assert.deepEqual(hover('rollout:\n  strategy: can|ary\n'), {
      value: '`canary`\n\nRollout strategy.\n\nOther values: `blue_green`, `shadow`, `rolling`, `all_at_once`',
      range: range(1, 12, 18),
    });
    assert.match(hover('gates:\n  data_gate: pa|ss\n')?.value ?? '', /^`pass`\n\nA gate status written by hand\./);
    assert.match(hover('gates:\n  data:\n    drift:\n      method: au|to\n')?.value ?? '', /^`auto` \(default\)/);
  });

  it('follows alternatives and free-form maps', () => {
    assert.match(hover('artifacts:\n  serving_profile:\n    repl|icas: 3\n')?.value ?? '', /^\*\*replicas\*\* · `integer`\n\nFixed number of serving replicas\./);
    assert.match(hover('gates:\n  data:\n    fields:\n      ten|ure: { type: numeric }\n')?.value ?? '', /^\*\*tenure\*\* · `object`\n\nExpectations for one input column\.$/);
    assert.match(hover('artifacts:\n  model_signature:\n    inputs:\n      - { name: a, type: lo|ng }\n')?.value ?? '', /^`long`/);
  });

  it('answers null on unknown keys, free text, comments and blank space', () => {
    assert.equal(hover('rollout:\n  stp|es: [1]\n'), null);
    assert.equal(hover('release_id: ml-|1\n'), null);
    assert.equal(hover('# com|ment\nrelease_id: x\n'), null);
    assert.equal(hover('release_id: x\n|\n'), null);
  });

  it('joins the sections that have something to say', () => {
    const extra: HoverSection = ({ target }) => (target.on === 'key' ? 'Last measured: 912 ms' : undefined);
    const h = hover('rollout:\n  str|ategy: canary\n', [extra, () => undefined]);
    assert.equal(h?.value, 'Last measured: 912 ms');
  });
});
