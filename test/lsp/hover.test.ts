// Hover over stdio from the bundled server: markdown for keys and enumerated values at exact
// ranges, null on free text and for YAML files that are not cards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINIMAL, rangeOf } from '../unit/card/helpers';
import { startSession, type Session } from './server';

interface HoverResult {
  contents: { kind: string; value: string };
  range: unknown;
}

describe('language server hover over stdio', () => {
  let s: Session;
  before(async () => {
    s = await startSession();
    await s.open('release-card.yaml', MINIMAL);
  });
  after(async () => {
    await s.close();
  });

  const hover = (name: string, line: number, character: number): Promise<HoverResult | null> =>
    s.client.request('textDocument/hover', { textDocument: { uri: s.uri(name) }, position: { line, character } });

  it('explains a key with its description, type and allowed values', async () => {
    const h = await hover('release-card.yaml', 6, 4);
    assert.deepEqual(h, {
      contents: { kind: 'markdown', value: '**strategy** · `string` · required\n\nRollout strategy.\n\nAllowed: `canary`, `blue_green`, `shadow`, `rolling`, `all_at_once`' },
      range: rangeOf(MINIMAL, 'strategy'),
    });
  });

  it('explains an asserted gate status value', async () => {
    const h = await hover('release-card.yaml', 4, 14);
    assert.match(h?.contents.value ?? '', /^`pass`\n\nA gate status written by hand\. Accepted for compatibility, but the gate is not computed/);
    assert.deepEqual(h?.range, rangeOf(MINIMAL, 'pass'));
  });

  it('answers null on free text and for YAML files that are not cards', async () => {
    assert.equal(await hover('release-card.yaml', 0, 16), null);
    await s.open('compose.yaml', MINIMAL);
    assert.equal(await hover('compose.yaml', 6, 4), null);
  });

  it('follows edits: hovers the newest version of the document', async () => {
    const uri = s.uri('release-card.yaml');
    const published = s.client.waitFor<{ uri: string; version?: number }>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 2);
    s.client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 6, character: 2 }, end: { line: 6, character: 18 } }, text: 'metrics_source: prometheus' }],
    });
    await published;
    const h = await hover('release-card.yaml', 6, 4);
    assert.match(h?.contents.value ?? '', /^\*\*metrics_source\*\* · `string`/);
  });
});
