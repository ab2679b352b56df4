import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { MINIMAL, rangeOf } from '../unit/card/helpers';
import { startSession, type Diagnostics, type Session } from './server';

describe('language server diagnostics over stdio', () => {
  let s: Session;
  before(async () => {
    s = await startSession();
  });
  after(async () => {
    await s.close();
  });

  it('publishes schema diagnostics at exact ranges with code, source and severity', async () => {
    const text = MINIMAL.replace('  steps:', '  stpes:').replace('strategy: canary', 'strategy: canery');
    const published = await s.open('release-card.yaml', text);
    const schema = published.diagnostics.filter((d) => String(d.code).startsWith('schema-'));
    assert.deepEqual(schema.map((d) => [d.code, d.range]), [
      ['schema-enum', rangeOf(text, 'canery')],
      ['schema-unknown-property', rangeOf(text, 'stpes')],
    ]);
    assert.ok(schema.every((d) => d.source === 'release-gates' && d.severity === 1));
    assert.equal(published.version, 1);
  });

  it('links each rule finding to its page shipped beside the server, not to a website', async () => {
    const published = await s.open('links.release.yaml', MINIMAL.replace(/^owner:.*\n/m, ''));
    const rule = published.diagnostics.find((d) => d.code === 'require-owner');
    assert.ok(rule, JSON.stringify(published.diagnostics.map((d) => d.code)));
    const href = rule.codeDescription?.href ?? '';
    assert.equal(href, pathToFileURL(join(__dirname, '../../docs/rules/require-owner.md')).href);
    assert.ok(existsSync(fileURLToPath(href)));
    assert.ok(published.diagnostics.every((d) => !d.codeDescription || d.codeDescription.href.startsWith('file:')));
  });

  it('ignores YAML files that are not cards', async () => {
    const published = await s.open('docker-compose.yaml', 'services: {web: {image: nginx}}\n');
    assert.deepEqual(published.diagnostics, []);
  });

  it('recognises *.release.yml and revalidates incremental changes for the newest version only', async () => {
    const uri = s.uri('churn.release.yml');
    await s.open('churn.release.yml', MINIMAL);
    const published = s.client.waitFor<Diagnostics>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 4);
    // Three quick edits: the first two are superseded before validation runs.
    const line = MINIMAL.split('\n').findIndex((l) => l.includes('strategy'));
    for (const [version, value] of [[2, 'x'], [3, 'y'], [4, 'all_at_onc']] as const) {
      s.client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character: 12 }, end: { line, character: 99 } }, text: value }],
      });
    }
    const latest = await published;
    const enumDiag = latest.diagnostics.find((d) => d.code === 'schema-enum');
    assert.ok(enumDiag);
    assert.match(enumDiag.message, /did you mean "all_at_once"/);
  });

  it('offers the did-you-mean fix as a preferred quick fix', async () => {
    const text = MINIMAL.replace('  steps:', '  stpes:');
    const published = await s.open('fix.release.yaml', text);
    const diag = published.diagnostics.find((d) => d.code === 'schema-unknown-property');
    assert.ok(diag);
    const actions = await s.client.request<{ title: string; isPreferred: boolean; edit: { changes: Record<string, unknown[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: s.uri('fix.release.yaml') },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const rename = actions.find((a) => a.title === 'Rename "stpes" to "steps"');
    assert.ok(rename, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(rename.isPreferred, true);
    assert.deepEqual(rename.edit.changes[s.uri('fix.release.yaml')], [{ range: rangeOf(text, 'stpes'), newText: 'steps' }]);
  });

  it('clears diagnostics when a card is closed', async () => {
    await s.open('closing.release.yaml', 'release_id: [\n');
    const cleared = s.client.waitFor<Diagnostics>('textDocument/publishDiagnostics', (p) => p.uri === s.uri('closing.release.yaml'));
    s.client.notify('textDocument/didClose', { textDocument: { uri: s.uri('closing.release.yaml') } });
    assert.deepEqual((await cleared).diagnostics, []);
  });
});

describe('language server settings', () => {
  it('treats files matching a user glob as cards', async () => {
    const s = await startSession({ releaseGates: { cardGlobs: ['releases/*.yaml'] } });
    try {
      const published = await s.open('releases/churn.yaml', 'release_id: x\n');
      assert.ok(published.diagnostics.some((d) => d.code === 'schema-required'));
    } finally {
      await s.close();
    }
  });
});
