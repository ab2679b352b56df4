import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { LineIndex, nodeRange } from '../../../server/src/card/positions';

describe('LineIndex', () => {
  it('maps offsets to lines and UTF-16 characters, CRLF as one break', () => {
    const text = 'a: 1\r\nb: "😀x"\r\nc: 3';
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 3);
    assert.deepEqual(index.position(text.indexOf('b')), { line: 1, character: 0 });
    // The emoji is two UTF-16 code units, as LSP counts them by default.
    assert.deepEqual(index.position(text.indexOf('x')), { line: 1, character: 6 });
    assert.deepEqual(index.position(text.length + 10), { line: 2, character: 4 });
    assert.equal(index.offset({ line: 2, character: 1 }), text.indexOf('c') + 1);
  });

  it('treats a lone CR as a line break and clamps positions past a line end', () => {
    const index = new LineIndex('a\rbc\nd');
    assert.deepEqual(index.position(2), { line: 1, character: 0 });
    assert.equal(index.offset({ line: 1, character: 99 }), 4);
    assert.equal(index.lineText(1), 'bc');
  });
});

describe('nodeRange', () => {
  it('underlines a pair key, a quoted scalar with its quotes, and a block map without trailing space', () => {
    const text = 'outer:\n  inner: "quoted"\n  other: 2\n\nnext: 1\n';
    const doc = parseDocument(text);
    const index = new LineIndex(text);
    const outer = doc.get('outer', true) as Parameters<typeof nodeRange>[1];
    assert.deepEqual(nodeRange(index, outer), { start: { line: 1, character: 2 }, end: { line: 2, character: 10 } });
    const value = doc.getIn(['outer', 'inner'], true) as Parameters<typeof nodeRange>[1];
    assert.deepEqual(nodeRange(index, value), { start: { line: 1, character: 9 }, end: { line: 1, character: 17 } });
  });
});
