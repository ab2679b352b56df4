// Every pass over a card grows linearly with it. Each former hot spot of issue 13 is run on a card
// with 1,000 and with 16,000 of the offending parts, and the steps it took are counted (never
// timed): linear work grows about 16-fold, the old quadratic passes grew about 256-fold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { walkTree } from '../../../server/src/card/keys';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { LineIndex } from '../../../server/src/card/positions';
import { resetWork, WORK, type WorkCounts } from '../../../server/src/card/work';
import { checkText } from '../../../server/src/check';
import { parseDurationSeconds } from '../../../server/src/slo';
import { badConditions, longDuration, manyAliasKeys, manySuppressions, manyUnknownKeys } from './hostile-cards';

/** The steps a pass took on the small and the large input. */
function stepsOf(counter: keyof WorkCounts, run: (n: number) => unknown): [number, number] {
  const out: number[] = [];
  for (const n of [1000, 16000]) {
    resetWork();
    run(n);
    out.push(WORK[counter]);
  }
  return out as [number, number];
}

/** 16 times the input may cost at most 20 times the steps (a quadratic pass costs 256 times). */
function assertLinear([small, large]: [number, number], what: string): void {
  assert.ok(small >= 1000, `${what}: the counter saw the pass (${small} steps on 1,000)`);
  assert.ok(large <= small * 20, `${what}: ${small} steps on 1,000 but ${large} on 16,000, ${(large / small).toFixed(1)}×`);
}

describe('every pass over a card is linear in its size', () => {
  it('looks keys up through one index per mapping (16,000 unknown keys)', () => {
    assertLinear(stepsOf('pairSteps', (n) => checkText('c.release.yaml', manyUnknownKeys(n))), 'unknown keys');
  });

  it('answers every key of a large mapping with the same few steps', () => {
    const steps = stepsOf('pairSteps', (n) => {
      const card = new Card('c.release.yaml', parseCard(manyUnknownKeys(n)));
      for (let i = 0; i < n; i++) assert.ok(card.pair([`k${i}`]));
    });
    assertLinear(steps, 'pair lookups');
  });

  it('parses a duration of 16,000 digits in one pass', () => {
    assertLinear(stepsOf('durationSteps', (n) => checkText('c.release.yaml', longDuration(n))), 'long_window');
    assertLinear(stepsOf('durationSteps', (n) => parseDurationSeconds(`${'1'.repeat(n)}x`)), 'parseDurationSeconds');
  });

  it('finds 16,000 suppression comments in a row in one pass', () => {
    assertLinear(stepsOf('suppressionSteps', (n) => checkText('c.release.yaml', manySuppressions(n))), 'suppressions');
  });

  it('ranks the alternatives of 16,000 failing conditions without rescanning every error', () => {
    assertLinear(stepsOf('rankingSteps', (n) => checkText('c.release.yaml', badConditions(n))), 'anyOf ranking');
  });

  it('resolves 16,000 alias keys in one pass over the document', () => {
    const steps = stepsOf('aliasSteps', (n) => {
      const text = manyAliasKeys(n);
      const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'error' });
      walkTree(doc as never, new LineIndex(text), { maxDepth: 64, maxAliases: Infinity }, () => undefined);
    });
    assertLinear(steps, 'alias keys');
  });
});
