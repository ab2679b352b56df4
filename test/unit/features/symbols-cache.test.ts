// The parsed-card cache shared by hover and the outline: one parse per document version, a new
// parse after an edit, and a bounded number of entries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCard } from '../../../server/src/card/parse';
import { cardOf, modelOf, rememberParsed, setValidatingCheck } from '../../../server/src/features/symbols/cache';

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

  it('answers from the last model while a newer version is being validated, and catches up after', () => {
    const uri = 'file:///c/release-card.yaml';
    let validating = false;
    setValidatingCheck(() => validating);
    try {
      const v1 = cardOf(doc(uri, 1, 'release_id: one\n'));
      validating = true;
      assert.equal(modelOf(doc(uri, 5, 'release_id: five\n')), v1);
      rememberParsed(uri, 5, parseCard('release_id: five\n'));
      assert.equal(modelOf(doc(uri, 6, 'release_id: six\n')).get(['release_id']), 'five');
      validating = false;
      assert.equal(modelOf(doc(uri, 6, 'release_id: six\n')).get(['release_id']), 'six');
      // A validation of an older version never replaces a newer model.
      rememberParsed(uri, 4, parseCard('release_id: four\n'));
      assert.equal(modelOf(doc(uri, 6, 'release_id: six\n')).get(['release_id']), 'six');
    } finally {
      setValidatingCheck(() => false);
    }
  });

  it('parses the current version when nothing is being validated, and the first version always', () => {
    setValidatingCheck(() => true);
    try {
      assert.equal(modelOf(doc('file:///d/release-card.yaml', 3, 'release_id: d\n')).get(['release_id']), 'd');
    } finally {
      setValidatingCheck(() => false);
    }
  });
});
