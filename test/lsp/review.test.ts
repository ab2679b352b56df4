// The review in the editor, over stdio against the bundled server, in a real git repository: a lens
// on every threshold that differs from the base ("⚠ looser than main: 120 ms → 250 ms"), updated
// as the card is edited; the base text for the client's diff editor; nothing of it (no git at all)
// in restricted mode; and lenses without a command for clients that do not have the diff command.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspClient } from './harness';
import { SERVER } from './server';
import { GIT_ENV, TempRepo } from '../cli/git-repo';

const FIXTURES = join(__dirname, '..', 'fixtures', 'review', 'ranking');
const BASE = readFileSync(join(FIXTURES, 'base.release.yaml'), 'utf8');
const PR = readFileSync(join(FIXTURES, 'pr.release.yaml'), 'utf8');

interface Lens {
  range: { start: { line: number; character: number } };
  command: { title: string; command: string; arguments?: unknown[] };
}

describe('review lenses and the base card', () => {
  let repo: TempRepo;
  let uri: string;
  const clients: LspClient[] = [];
  before(() => {
    // The server inherits this environment: no global git configuration of the developer's.
    Object.assign(process.env, { GIT_CONFIG_GLOBAL: GIT_ENV.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: '1', GITHUB_BASE_REF: '', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: '' });
    repo = new TempRepo('rg-lsp-review-');
    repo.write('releases/ranking.release.yaml', BASE).commit('base');
    repo.git('checkout', '-q', '-b', 'loosen');
    repo.write('releases/ranking.release.yaml', PR);
    uri = pathToFileURL(join(repo.dir, 'releases', 'ranking.release.yaml')).href;
  });
  after(async () => {
    for (const c of clients) await c.shutdown();
    repo.done();
  });

  /** A server on the repository, with the given initialization options, and the card open. */
  async function open(options: unknown): Promise<LspClient> {
    const client = new LspClient(process.execPath, [SERVER, '--stdio'], repo.dir);
    clients.push(client);
    await client.initialize(pathToFileURL(repo.dir).href, options);
    const published = client.waitFor<{ uri: string }>('textDocument/publishDiagnostics', (p) => p.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: PR } });
    await published;
    return client;
  }

  const reviewLenses = async (client: LspClient): Promise<Lens[]> =>
    (await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } })).filter((l) => /than main|since main|after a failed run/.test(l.command.title));

  it('shows each change from the base on its line, and follows edits', async () => {
    const client = await open({ releaseGates: {}, clientCommands: ['releaseGates.diffWithBase'] });
    const lenses = await reviewLenses(client);
    assert.equal(lenses.length, 13, lenses.map((l) => l.command.title).join('\n'));
    const p99 = lenses.find((l) => l.range.start.line === 42);
    assert.deepEqual(p99?.command, { title: '⚠ looser than main: 120 ms → 250 ms', command: 'releaseGates.diffWithBase', arguments: [uri] });
    assert.equal(lenses.find((l) => l.range.start.line === 27)?.command.title, '⚠ removed since main: [query_length, user_segment] → []');
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: PR.replace('    p99_latency_ms: 250 ', '    p99_latency_ms: 100 ') }] });
    const edited = await reviewLenses(client);
    assert.equal(edited.find((l) => l.range.start.line === 42)?.command.title, '• stricter than main: 120 ms → 100 ms');
  });

  it('answers the base text for the diff editor', async () => {
    const client = clients[0] ?? (await open({}));
    const base = await client.request<{ label: string; commit: string; path: string; text: string }>('releaseGates/baseCard', { uri });
    assert.equal(base.label, 'main');
    assert.equal(base.path, 'releases/ranking.release.yaml');
    assert.equal(base.text, BASE);
    assert.match(base.commit, /^[0-9a-f]{40}$/);
  });

  it('gives clients without the diff command lenses that are labels only', async () => {
    const client = await open({ releaseGates: {} });
    const lenses = await reviewLenses(client);
    assert.equal(lenses.length, 13);
    assert.ok(lenses.every((l) => l.command.command === ''));
  });

  it('runs no git in restricted mode: no review lens, and the base request says why', async () => {
    const client = await open({ releaseGates: { trusted: false }, clientCommands: ['releaseGates.diffWithBase'] });
    assert.deepEqual(await reviewLenses(client), []);
    await assert.rejects(client.request('releaseGates/baseCard', { uri }), /not read in restricted mode: git runs only in a trusted workspace/);
  });
});
