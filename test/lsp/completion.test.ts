// Completion over stdio from the bundled server: the advertised trigger characters, keys with
// snippets, gate skeletons, enum values while typing, evidence files from the card's folder, and
// nothing for YAML files that are not cards.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient } from './harness';
import { SERVER, startSession, type Session } from './server';

interface Item {
  label: string;
  detail?: string;
  kind?: number;
  insertTextFormat?: number;
  textEdit?: { range: unknown; newText: string };
}

describe('language server completion over stdio', () => {
  let s: Session;
  before(async () => {
    s = await startSession();
    for (const f of ['evidence/perf/requests.csv', 'runbooks/churn.md']) {
      mkdirSync(join(s.root, f, '..'), { recursive: true });
      writeFileSync(join(s.root, f), '');
    }
  });
  after(async () => {
    await s.close();
  });

  /** Opens a card, waits until the server has it, and asks for completion at a position. */
  async function complete(name: string, text: string, line: number, character: number, triggerCharacter?: string): Promise<{ isIncomplete: boolean; items: Item[] } | null> {
    await s.open(name, text);
    const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
    return s.client.request('textDocument/completion', { textDocument: { uri: s.uri(name) }, position: { line, character }, context });
  }

  it('advertises completion with trigger characters, hover and document symbols', async () => {
    const client = new LspClient(process.execPath, [SERVER, '--stdio'], s.root);
    try {
      const result = await client.initialize(null) as { capabilities: Record<string, unknown> };
      assert.deepEqual(result.capabilities['completionProvider'], { triggerCharacters: [':', ' ', '/', '[', ',', '{'] });
      assert.equal(result.capabilities['hoverProvider'], true);
      assert.equal(result.capabilities['documentSymbolProvider'], true);
    } finally {
      await client.shutdown();
    }
  });

  it('completes keys of the mapping at the cursor with snippets', async () => {
    const list = await complete('release-card.yaml', 'release_id: x\ngates:\n  performance:\n    evidence: a\n    p9\n', 4, 6);
    assert.equal(list?.isIncomplete, false);
    const item = list?.items.find((i) => i.label === 'p99_latency_ms');
    assert.deepEqual(item && { detail: item.detail, format: item.insertTextFormat, edit: item.textEdit }, {
      detail: 'number · milliseconds',
      format: 2,
      edit: { range: { start: { line: 4, character: 4 }, end: { line: 4, character: 6 } }, newText: 'p99_latency_ms: ${1}' },
    });
    assert.equal(list?.items.some((i) => i.label === 'evidence'), false);
  });

  it('offers a gate skeleton under gates:', async () => {
    const list = await complete('gates.release.yaml', 'release_id: x\ngates:\n  \n', 2, 2);
    const cost = list?.items.find((i) => i.label === 'cost');
    assert.equal(cost?.textEdit?.newText.split('\n')[0], 'cost:');
    assert.match(cost?.textEdit?.newText ?? '', /\n {2}ledger: \$\{2:evidence\/cost\/ledger\.csv\}\n {2}outcomes: /);
  });

  it('completes enum values after `key:` typed with the colon trigger', async () => {
    const list = await complete('enum.release.yaml', 'rollout:\n  strategy:\n', 1, 11, ':');
    assert.deepEqual(list?.items.map((i) => i.textEdit?.newText), [' canary', ' blue_green', ' shadow', ' rolling', ' all_at_once']);
  });

  it('completes evidence paths from the card folder, relative to the card', async () => {
    const list = await complete('release-card.yml', 'gates:\n  performance:\n    evidence: ev\n', 2, 16);
    assert.deepEqual(list?.items.map((i) => [i.label, i.kind]), [['runbooks/churn.md', 17], ['evidence/perf/requests.csv', 17]]);
  });

  it('answers null for YAML files that are not cards', async () => {
    assert.equal(await complete('docker-compose.yaml', 'services:\n  \n', 1, 2), null);
  });
});
