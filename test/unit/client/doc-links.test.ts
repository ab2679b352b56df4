// The client's rewrite of rule links: only pages shipped in the extension's docs/ become the
// render command; anything else (another folder, a traversal, another file type) is left alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isShippedPage, shippedPage, showDocCommandUri } from '../../../client/src/doc-links';

const EXT = '/home/u/.vscode/extensions/release-gates.release-gates-0.1.0';

describe('client: rule page links', () => {
  it('maps a link into the extension\'s docs to its page', () => {
    assert.equal(shippedPage(`${EXT}/docs/rules/require-owner.md`, EXT), 'docs/rules/require-owner.md');
    assert.equal(shippedPage(`${EXT}/docs/card.md`, `${EXT}/`), 'docs/card.md');
  });

  it('leaves every other link alone', () => {
    for (const path of [`${EXT}/dist/server.js`, `${EXT}/docs/../package.json`, `${EXT}-evil/docs/rules/x.md`, '/etc/docs/rules/x.md', `${EXT}/docs/rules/X.md`, `${EXT}/docs/rules/x.md.js`]) {
      assert.equal(shippedPage(path, EXT), undefined, path);
    }
  });

  it('builds the command URI and accepts only page arguments', () => {
    assert.equal(showDocCommandUri('docs/rules/require-owner.md'), 'command:releaseGates.showDoc?%5B%22docs%2Frules%2Frequire-owner.md%22%5D');
    assert.ok(isShippedPage('docs/rollout.md'));
    for (const bad of ['../docs/x.md', 'docs/../../etc/passwd.md', '/docs/x.md', 7, undefined, 'docs/x.txt']) assert.equal(isShippedPage(bad), false, String(bad));
  });
});
