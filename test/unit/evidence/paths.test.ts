import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveEvidencePath } from '../../../server/src/evidence';
import { problems, tempDir, value } from './helpers';

describe('resolveEvidencePath', () => {
  const t = tempDir();
  const root = path.join(t.dir, 'project');
  const card = path.join(root, 'cards', 'release-card.yaml');
  before(() => {
    mkdirSync(path.join(root, 'cards', 'perf'), { recursive: true });
    t.write('project/cards/perf/requests.csv', 'a\n1\n');
    t.write('project/shared.csv', 'a\n1\n');
    t.write('outside.csv', 'secret\n1\n');
    symlinkSync(path.join(t.dir, 'outside.csv'), path.join(root, 'cards', 'link-out.csv'));
    symlinkSync(path.join(root, 'shared.csv'), path.join(root, 'cards', 'link-in.csv'));
  });
  after(() => t.cleanup());

  it('resolves a path relative to the card', async () => {
    const r = value(await resolveEvidencePath(card, 'perf/requests.csv', root));
    assert.equal(r.absolutePath, realpathSync(path.join(root, 'cards', 'perf', 'requests.csv')));
    assert.equal(r.displayName, 'perf/requests.csv');
  });

  it('allows .. that stays inside the root', async () => {
    value(await resolveEvidencePath(card, '../shared.csv', root));
  });

  it('rejects .. escapes', async () => {
    const [p] = problems(await resolveEvidencePath(card, '../../outside.csv', root));
    assert.equal(p?.code, 'path');
    assert.match(p?.message ?? '', /leaves the project root/);
  });

  it('rejects absolute paths', async () => {
    const [p] = problems(await resolveEvidencePath(card, path.join(root, 'shared.csv'), root));
    assert.match(p?.message ?? '', /absolute evidence paths are not allowed/);
    problems(await resolveEvidencePath(card, 'C:\\data\\x.csv', root));
  });

  it('rejects a symlink whose target is outside the root', async () => {
    const [p] = problems(await resolveEvidencePath(card, 'link-out.csv', root));
    assert.match(p?.message ?? '', /symlink that resolves outside/);
  });

  it('accepts a symlink whose target is inside the root', async () => {
    value(await resolveEvidencePath(card, 'link-in.csv', root));
  });

  it('reports a missing file', async () => {
    const [p] = problems(await resolveEvidencePath(card, 'perf/nope.csv', root));
    assert.equal(p?.code, 'not-found');
    assert.match(p?.message ?? '', /'perf\/nope.csv' does not exist/);
  });

  it('rejects directories and empty paths', async () => {
    problems(await resolveEvidencePath(card, 'perf', root));
    problems(await resolveEvidencePath(card, '  ', root));
  });
});
