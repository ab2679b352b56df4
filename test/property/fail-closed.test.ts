/**
 * The line the product holds: a mutation that makes an input implausible or a check undecidable
 * never lets a gate pass. Starting from the passing churn example (every gate passes), each
 * generated mutation damages the evidence of one gate, and that gate must then say fail or error.
 *
 * Seeded and sampled in `npm test` (PROPERTY_RUNS, default 40); `npm run test:exhaustive` runs
 * many more cases. A failure prints the shrunk mutation and the seed that reproduces it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { Card } from '../../server/src/card/model';
import { parseCard } from '../../server/src/card/parse';
import { runGates } from '../../server/src/gates/engine/run';
import { evidenceMutation, type EvidenceMutation } from './evidence-mutations';
import { propertyOptions } from './options';

const EXAMPLE = path.resolve(__dirname, '../../examples/churn');
const NOW = new Date('2026-11-26T12:00:00Z');
const scratch = mkdtempSync(path.join(tmpdir(), 'rg-property-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let cases = 0;

/** Copies the example, applies the mutation and runs the mutated gate. */
async function statusAfter(m: EvidenceMutation): Promise<{ status: string; messages: string[] }> {
  const root = path.join(scratch, `case-${cases++}`);
  cpSync(EXAMPLE, root, { recursive: true });
  const file = path.join(root, m.file);
  writeFileSync(file, m.apply(readFileSync(file, 'utf8')));
  const cardFile = path.join(root, 'release-card.yaml');
  const card = new Card(cardFile, parseCard(readFileSync(cardFile, 'utf8')));
  try {
    const result = await runGates(card, { root, cardFile, gates: [m.gate], now: NOW, log: () => undefined });
    const gate = result.gates[0];
    return { status: gate?.status ?? 'missing', messages: (gate?.checks ?? []).filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('property: implausible evidence never passes a gate', () => {
  it('the unmutated example passes every gate (so a block below is caused by the mutation)', async () => {
    const cardFile = path.join(EXAMPLE, 'release-card.yaml');
    const card = new Card(cardFile, parseCard(readFileSync(cardFile, 'utf8')));
    const result = await runGates(card, { root: EXAMPLE, cardFile, now: NOW });
    assert.deepEqual(result.gates.map((g) => [g.gate, g.status]), result.gates.map((g) => [g.gate, 'pass']));
  });

  it('every mutation of a cell, row or file a gate depends on makes that gate fail or error', async () => {
    await fc.assert(
      fc.asyncProperty(evidenceMutation, async (m) => {
        const { status } = await statusAfter(m);
        assert.notEqual(status, 'pass', `${m.label}: the ${m.gate} gate passed on implausible evidence`);
      }),
      propertyOptions(),
    );
  });
});
