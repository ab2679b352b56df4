import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGlob, isCardPath } from '../../../server/src/card/card-files';
import { isCardUri } from '../../../server/src/features/documents';

describe('which files are cards', () => {
  it('recognises the built-in names at any depth', () => {
    for (const p of ['release-card.yaml', 'release-card.yml', 'a/b/release-card.yaml', 'churn.release.yaml', 'x/churn.release.yml']) {
      assert.ok(isCardPath(p), p);
    }
    for (const p of ['release-card.json', 'card.yaml', 'docker-compose.yml', 'my-release-card.yaml.bak']) {
      assert.ok(!isCardPath(p), p);
    }
  });

  it('adds user globs with **, *, ? and {a,b}', () => {
    assert.ok(isCardPath('releases/churn.yaml', ['releases/*.{yaml,yml}']));
    assert.ok(!isCardPath('releases/deep/churn.yaml', ['releases/*.yaml']));
    assert.ok(isCardPath('releases/deep/churn.yaml', ['releases/**/*.yaml']));
    assert.ok(compileGlob('card-?.yaml').test('card-1.yaml'));
    assert.ok(!compileGlob('card-?.yaml').test('card-12.yaml'));
  });

  it('matches URIs relative to their workspace folder', () => {
    assert.ok(isCardUri('file:///ws/releases/churn.yaml', ['/ws'], ['releases/*.yaml']));
    assert.ok(!isCardUri('file:///elsewhere/releases/churn.yaml', ['/ws'], ['/releases/*.yaml']));
    assert.ok(isCardUri('file:///elsewhere/x/release-card.yaml', ['/ws'], []));
    assert.ok(isCardUri('untitled:/release-card.yaml', [], []));
  });
});
