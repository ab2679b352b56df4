/**
 * The second line the product holds: `run` never passes a card on which `check` reports an error.
 * Starting from the passing churn example, each generated mutation rewrites the card (a number of
 * the wrong type or with a unit, a misspelt threshold key, a negative number, an anti-pattern) and
 * the release is run the way every face runs it (`runRelease`). Whenever `check` reports an
 * error-level finding, the verdict must not pass; a mutation that breaks the schema must be
 * reported by `check` in the first place.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { Card } from '../../server/src/card/model';
import { parseCard } from '../../server/src/card/parse';
import { runRelease } from '../../server/src/verdict';
import { ANTI_PATTERN_EDITS, cardMutation, type CardMutation } from './card-mutations';
import { propertyOptions } from './options';

const EXAMPLE = path.resolve(__dirname, '../../examples/churn');
const NOW = new Date('2026-11-26T12:00:00Z');
const root = mkdtempSync(path.join(tmpdir(), 'rg-card-property-'));
cpSync(EXAMPLE, root, { recursive: true });
after(() => rmSync(root, { recursive: true, force: true }));
const cardFile = path.join(root, 'release-card.yaml');
const original = readFileSync(cardFile, 'utf8');

/** Writes the card text and runs the release on it. */
async function release(text: string): Promise<{ errors: string[]; pass: boolean; summary: string }> {
  writeFileSync(cardFile, text);
  const card = new Card(cardFile, parseCard(text));
  const run = await runRelease(card, { root, cardFile, now: NOW, log: () => undefined });
  const errors = run.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`);
  return { errors, pass: run.verdict.pass, summary: run.verdict.summary };
}

describe('property: run never passes a card on which check reports an error', () => {
  it('the unmutated card has no error and passes', async () => {
    const r = await release(original);
    assert.deepEqual(r.errors, []);
    assert.equal(r.pass, true, r.summary);
  });

  for (const edit of ANTI_PATTERN_EDITS) {
    it(`blocks the anti-pattern: ${edit.label}`, async () => {
      const r = await release(original.replace(edit.from, edit.to));
      assert.notDeepEqual(r.errors, [], `check reports no error for ${edit.label}`);
      assert.equal(r.pass, false, r.summary);
    });
  }

  it('for every generated mutation: a schema break is an error of check, and an error of check blocks run', async () => {
    const card = new Card(cardFile, parseCard(original));
    await fc.assert(
      fc.asyncProperty(cardMutation(card), async (m: CardMutation) => {
        const r = await release(m.apply(original));
        if (m.schemaInvalid) assert.notDeepEqual(r.errors, [], `${m.label}: check reports no error`);
        if (r.errors.length > 0) assert.equal(r.pass, false, `${m.label}: run passed although check reports ${r.errors[0]}`);
      }),
      propertyOptions(15),
    );
  });
});
