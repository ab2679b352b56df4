/** Cards for the rollout tests: the seed's minimal card, and a card built from a rollout section. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';

/** The repository root. */
export const ROOT = resolve(__dirname, '../../..');

/** The card of a text. */
export function cardOf(text: string, source = 'release-card.yaml'): Card {
  return new Card(source, parseCard(text));
}

/** A bundled example card by folder name (`seed`, `churn`, `churn-blocked`). */
export function exampleCard(name: string): Card {
  const file = join(ROOT, 'examples', name, 'release-card.yaml');
  return new Card(file, parseCard(readFileSync(file, 'utf8')));
}

/** The seed's minimal card (DESIGN.md), verbatim. */
export { SEED } from '../../fixtures/cards/seed';

/** A card whose rollout section is the given YAML lines (indented under `rollout:`). */
export function rolloutCard(lines: string[], extra = ''): Card {
  return cardOf(`release_id: r-1\nartifacts:\n  model_uri: models:/churn-model/43\ngates:\n  data_gate: pass\n${extra}rollout:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}
