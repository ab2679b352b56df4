// The evidence-path lister: relative forward-slash paths, breadth-first and sorted, skipping
// dependency and VCS folders and the card itself, and bounded however large the folder is.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { folderLister, listFiles } from '../../../server/src/features/completion/files';

describe('evidence file lister', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'rg-files-'));
    for (const f of ['release-card.yaml', 'evidence/perf/requests.csv', 'evidence/data/current.csv', 'runbook.md', 'node_modules/x/index.js', '.git/HEAD']) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), '');
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists files relative to the card folder, shallow first, without the card and skipped folders', () => {
    assert.deepEqual(folderLister(root, 'release-card.yaml')(), ['runbook.md', 'evidence/data/current.csv', 'evidence/perf/requests.csv']);
  });

  it('stops after the entry bound', () => {
    assert.deepEqual(listFiles(root, undefined, 3), []);
    assert.deepEqual(listFiles(root, undefined, 4), ['release-card.yaml']);
  });

  it('returns nothing for a folder that does not exist', () => {
    assert.deepEqual(listFiles(join(root, 'missing'), undefined, 100), []);
  });
});
