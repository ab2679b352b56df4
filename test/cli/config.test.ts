import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MINIMAL } from '../unit/card/helpers';
import { cli } from './cli';

describe('release-gates check with a project configuration', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rg-config-'));
    mkdirSync(join(dir, 'cards'));
    writeFileSync(join(dir, 'cards/release-card.yaml'), MINIMAL);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('applies severities from .release-gates.yaml found above the card', () => {
    const before = cli(['check', 'cards'], dir);
    assert.match(before.stdout, /\[require-post-release-owner\]/);
    writeFileSync(join(dir, '.release-gates.yaml'), 'rules:\n  require-post-release-owner: off\n  require-owner: error\n');
    const r = cli(['check', 'cards'], dir);
    assert.doesNotMatch(r.stdout, /\[require-post-release-owner\]/);
    assert.match(r.stdout, /cards\/release-card\.yaml:1:1: error .*\[require-owner\]/);
  });

  it('reports a misspelt rule id in the configuration at its line, with a suggestion', () => {
    writeFileSync(join(dir, '.release-gates.yaml'), 'rules:\n  require-ownr: off\n');
    const r = cli(['check', 'cards'], dir);
    assert.match(r.stdout, /^\.release-gates\.yaml:2:3: error .*require-owner.*\[config-unknown-rule\]$/m);
    assert.equal(r.status, 1);
  });
});
