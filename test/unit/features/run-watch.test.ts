import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { planFor } from '../../../server/src/features/run/watch';

const u = (p: string): string => pathToFileURL(p).href;

describe('which open cards follow a batch of file changes', () => {
  const cards = [u('/w/a/release-card.yaml'), u('/w/b/churn.release.yaml')];
  it('reloads the card whose record changed, and rechecks the others for changed evidence', () => {
    assert.deepEqual(planFor([u('/w/a/release-card.run.json')], cards), { reload: [cards[0]], recheck: [] });
    assert.deepEqual(planFor([u('/w/a/release-card.run.json'), u('/w/data/x.csv')], cards), { reload: [cards[0]], recheck: [cards[1]] });
    assert.deepEqual(planFor([u('/w/b/churn.release.run.json')], cards), { reload: [cards[1]], recheck: [] });
  });
  it('ignores dependency and VCS churn and non-file URIs', () => {
    assert.deepEqual(planFor([u('/w/node_modules/x/a.csv'), u('/w/.git/index'), 'untitled:1'], cards), { reload: [], recheck: [] });
  });
});
