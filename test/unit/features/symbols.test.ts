// The outline: sections in card order with whole-entry ranges and key selection ranges, artifacts
// and gates as children (defined or asserted), details for baseline, SLO, post-release and rollout.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { cardSymbols } from '../../../server/src/features/symbols';
import { rangeOf } from '../card/helpers';
import { cardOf } from './helpers';

const CARD = `release_id: ml-2026-11-26.1
owner: team-churn-ml
artifacts:
  model_uri: models:/churn-model/43
  serving_profile:
    replicas: 3
baseline:
  release_id: ml-2026-11-12.1
slo:
  objective_percent: 99.9
  period_days: 30
gates:
  data_gate: pass
  performance:
    evidence: perf.csv
deferrals:
  - gate: cost
    owner: team-a
    deadline: 2026-12-31
post_release:
  verification_owner: "@maria.k"
  window_hours: 24
rollout:
  strategy: canary
  steps: [5, 25, 50, 100]
`;

/** A compact view: name, detail, kind and children. */
function shape(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((s) => [s.name, s.detail ?? '', s.kind, ...(s.children ? [shape(s.children)] : [])]);
}

describe('document symbols', () => {
  it('outlines the release, bundle, gates and rollout with details', () => {
    assert.deepEqual(shape(cardSymbols(cardOf(CARD))), [
      ['release', 'ml-2026-11-26.1', SymbolKind.Package],
      ['artifacts', '', SymbolKind.Module, [['model_uri', 'models:/churn-model/43', SymbolKind.Field], ['serving_profile', '', SymbolKind.Object]]],
      ['baseline', 'ml-2026-11-12.1', SymbolKind.Namespace],
      ['slo', '99.9 % over 30 days', SymbolKind.Namespace],
      ['gates', '', SymbolKind.Namespace, [['data', 'asserted: pass', SymbolKind.Boolean], ['performance', 'defined', SymbolKind.Function]]],
      ['deferrals', '', SymbolKind.Array, [['cost', 'team-a · until 2026-12-31', SymbolKind.Object]]],
      ['post_release', '@maria.k · 24 h', SymbolKind.Namespace],
      ['rollout', 'canary · 5 → 25 → 50 → 100', SymbolKind.Event],
    ]);
  });

  it('spans each entry and selects its key', () => {
    const symbols = cardSymbols(cardOf(CARD));
    const gates = symbols.find((s) => s.name === 'gates');
    assert.deepEqual(gates?.selectionRange, rangeOf(CARD, 'gates'));
    assert.deepEqual(gates?.range, { start: rangeOf(CARD, 'gates').start, end: rangeOf(CARD, 'evidence: perf.csv').end });
    const perf = gates?.children?.[1];
    assert.deepEqual(perf?.selectionRange, rangeOf(CARD, 'performance'));
    assert.deepEqual(perf?.range, { start: rangeOf(CARD, 'performance').start, end: rangeOf(CARD, 'perf.csv').end });
    const deferral = symbols.find((s) => s.name === 'deferrals')?.children?.[0];
    assert.deepEqual(deferral?.selectionRange, rangeOf(CARD, 'gate', 3));
    assert.deepEqual(deferral?.range, { start: rangeOf(CARD, 'gate: cost').start, end: rangeOf(CARD, '2026-12-31').end });
    assert.deepEqual(symbols[0]?.range, rangeOf(CARD, 'release_id: ml-2026-11-26.1'));
  });

  it('still outlines a card with a syntax error further down', () => {
    const broken = 'release_id: x\ngates:\n  data_gate: pass\nrollout:\n  steps: [5, 25\n';
    assert.deepEqual(cardSymbols(cardOf(broken)).map((s) => s.name), ['release', 'gates', 'rollout']);
  });

  it('gives nothing for a card that is not a mapping', () => {
    assert.deepEqual(cardSymbols(cardOf('- a\n- b\n')), []);
    assert.deepEqual(cardSymbols(cardOf('')), []);
  });

  it('outlines every gate of the example card as defined', () => {
    const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'churn', 'release-card.yaml'), 'utf8');
    const gates = cardSymbols(cardOf(text)).find((s) => s.name === 'gates');
    assert.deepEqual(gates?.children?.map((g) => `${g.name}:${g.detail}`), ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'].map((g) => `${g}:defined`));
  });
});
