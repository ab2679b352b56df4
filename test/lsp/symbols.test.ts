// Document symbols over stdio from the bundled server: the outline of a card with exact ranges,
// an empty list for YAML files that are not cards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINIMAL, rangeOf } from '../unit/card/helpers';
import { startSession, type Session } from './server';

interface Symbol {
  name: string;
  detail?: string;
  kind: number;
  range: unknown;
  selectionRange: unknown;
  children?: Symbol[];
}

describe('language server document symbols over stdio', () => {
  let s: Session;
  before(async () => {
    s = await startSession();
  });
  after(async () => {
    await s.close();
  });

  const symbols = (name: string): Promise<Symbol[]> => s.client.request('textDocument/documentSymbol', { textDocument: { uri: s.uri(name) } });

  it('outlines release, artifacts, gates and rollout', async () => {
    await s.open('release-card.yaml', MINIMAL);
    const list = await symbols('release-card.yaml');
    assert.deepEqual(list.map((x) => [x.name, x.detail ?? '', x.children?.map((c) => `${c.name}: ${c.detail ?? ''}`) ?? []]), [
      ['release', 'ml-2026-11-26.1', []],
      ['artifacts', '', ['model_uri: models:/churn-model/43']],
      ['gates', '', ['data: asserted: pass']],
      ['rollout', 'canary · 5 → 25 → 50 → 100', []],
    ]);
    const rollout = list[3];
    assert.deepEqual(rollout?.selectionRange, rangeOf(MINIMAL, 'rollout'));
    assert.deepEqual(rollout?.range, { start: rangeOf(MINIMAL, 'rollout').start, end: rangeOf(MINIMAL, '[5, 25, 50, 100]').end });
  });

  it('returns no symbols for YAML files that are not cards', async () => {
    await s.open('values.yaml', MINIMAL);
    assert.deepEqual(await symbols('values.yaml'), []);
  });
});
