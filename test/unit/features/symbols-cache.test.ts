// The parsed-card cache shared by hover and the outline: one parse per document version, a new
// parse after an edit, and a bounded number of entries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cardOf } from '../../../server/src/features/symbols/cache';

const doc = (uri: string, version: number, text: string): TextDocument => TextDocument.create(uri, 'yaml', version, text);

describe('card cache', () => {
  it('parses a version once and again after an edit', () => {
    const first = cardOf(doc('file:///a/release-card.yaml', 1, 'release_id: a\n'));
    assert.equal(cardOf(doc('file:///a/release-card.yaml', 1, 'release_id: a\n')), first);
    const edited = cardOf(doc('file:///a/release-card.yaml', 2, 'release_id: b\n'));
    assert.notEqual(edited, first);
    assert.equal(edited.get(['release_id']), 'b');
  });

  it('keeps a bounded number of documents', () => {
    const keep = cardOf(doc('file:///b/release-card.yaml', 1, 'release_id: b\n'));
    for (let i = 0; i < 40; i++) cardOf(doc(`file:///many/${i}.release.yaml`, 1, `release_id: r${i}\n`));
    assert.notEqual(cardOf(doc('file:///b/release-card.yaml', 1, 'release_id: b\n')), keep);
  });
});
