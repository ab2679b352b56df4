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

  it('matches classes, ranges, negation and ** at any place', () => {
    assert.ok(compileGlob('card-[0-9].yaml').test('card-7.yaml'));
    assert.ok(!compileGlob('card-[!0-9].yaml').test('card-7.yaml'));
    assert.ok(compileGlob('card-[!0-9].yaml').test('card-x.yaml'));
    assert.ok(!compileGlob('a/*.yaml').test('a/b/c.yaml'));
    assert.ok(compileGlob('a/**').test('a/b/c.yaml'));
    assert.ok(compileGlob('**/x/**/*.yaml').test('x/c.yaml'));
    assert.ok(compileGlob('**/x/**/*.yaml').test('p/q/x/r/s/c.yaml'));
    assert.ok(!compileGlob('**/x/**/*.yaml').test('p/xx/c.yaml'));
    assert.ok(compileGlob('{a,bb}/c').test('bb/c'));
    assert.ok(compileGlob('[x').test('[x'));
  });

  // A project's .release-gates.yaml can come from a pull request; as a backtracking regular
  // expression this glob took 19 s on a 45-character name (and doubles with each extra star).
  it('matches a glob of many stars against a long name at once', () => {
    const hostile = '*a'.repeat(40) + '*b';
    assert.ok(!isCardPath('a'.repeat(4000) + '.yaml', [hostile]));
    assert.ok(isCardPath('a'.repeat(60) + 'b', [hostile]));
  });

  it('matches URIs relative to their workspace folder', () => {
    assert.ok(isCardUri('file:///ws/releases/churn.yaml', ['/ws'], ['releases/*.yaml']));
    assert.ok(!isCardUri('file:///elsewhere/releases/churn.yaml', ['/ws'], ['/releases/*.yaml']));
    assert.ok(isCardUri('file:///elsewhere/x/release-card.yaml', ['/ws'], []));
    assert.ok(isCardUri('untitled:/release-card.yaml', [], []));
  });
});
