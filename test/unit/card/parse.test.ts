import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCard } from '../../../server/src/card/parse';
import { MINIMAL, rangeOf, withCode } from './helpers';

describe('parseCard', () => {
  it('accepts a valid card with no findings and a structural value', () => {
    const parsed = parseCard(MINIMAL);
    assert.deepEqual(parsed.findings, []);
    assert.equal(parsed.structural, true);
    assert.equal((parsed.value as { release_id: string }).release_id, 'ml-2026-11-26.1');
  });

  it('reports a duplicate key at the second key, naming the first line', () => {
    const text = MINIMAL + 'release_id: again\n';
    const [dup] = withCode(parseCard(text).findings, 'yaml-duplicate-key');
    assert.ok(dup);
    assert.deepEqual(dup.range, rangeOf(text, 'release_id', 2));
    assert.match(dup.message, /line 1/);
  });

  it('reports a tab used as indentation exactly at the tab', () => {
    const text = 'release_id: x\nartifacts:\n\tmodel_uri: models:/a/1\n';
    const [tab] = withCode(parseCard(text).findings, 'yaml-tab-indent');
    assert.ok(tab);
    assert.deepEqual(tab.range.start, { line: 2, character: 0 });
    assert.equal(parseCard(text).structural, false);
  });

  it('reports a second document on its --- line', () => {
    const text = MINIMAL + '---\nrelease_id: other\n';
    const findings = withCode(parseCard(text).findings, 'yaml-multiple-documents');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.range.start.line, 8);
  });

  it('reports a syntax error where it is', () => {
    const text = 'release_id: x\nrollout: [5, 25\nowner: a\n';
    const parsed = parseCard(text);
    const syntax = withCode(parsed.findings, 'yaml-syntax');
    assert.ok(syntax.length > 0);
    assert.ok(syntax.every((f) => f.range.start.line >= 1));
    assert.equal(parsed.structural, false);
  });

  it('refuses empty, binary and oversized files with one located finding', () => {
    assert.equal(parseCard('').findings[0]?.code, 'file-empty');
    assert.equal(parseCard('# only a comment\n').findings[0]?.code, 'file-empty');
    const binary = parseCard('release_id: x\n\u0000\u0001\u0002');
    assert.equal(binary.findings[0]?.code, 'file-binary');
    assert.deepEqual(binary.findings[0]?.range.start, { line: 1, character: 0 });
    const big = parseCard('a: 1\n'.repeat(1000), { maxBytes: 1024 });
    assert.equal(big.findings.length, 1);
    assert.equal(big.findings[0]?.code, 'file-too-large');
    assert.match(big.findings[0]?.message ?? '', /5 KiB, above the 1 KiB/);
  });

  it('stops an alias bomb at the first alias without expanding it', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const parsed = parseCard(text);
    const [bomb] = withCode(parsed.findings, 'yaml-alias-limit');
    assert.ok(bomb, 'alias bomb must be reported');
    assert.deepEqual(bomb.range, rangeOf(text, '*a0'));
    assert.equal(parsed.value, undefined);
    assert.equal(parsed.structural, false);
  });

  it('rejects 10,000 levels of flow and block nesting before the YAML parser sees them', () => {
    const flow = parseCard('a: ' + '['.repeat(10000) + ']'.repeat(10000));
    assert.equal(flow.findings[0]?.code, 'yaml-too-deep');
    assert.deepEqual(flow.findings[0]?.range.start, { line: 0, character: 3 + 512 });
    const block = parseCard('- '.repeat(10000) + 'x\n');
    assert.equal(block.findings[0]?.code, 'yaml-too-deep');
    assert.deepEqual(block.findings[0]?.range.start, { line: 0, character: 2048 });
  });

  it('rejects moderate nesting beyond the depth limit after parsing', () => {
    const text = 'a: ' + '['.repeat(100) + ']'.repeat(100);
    const parsed = parseCard(text);
    assert.equal(parsed.findings[0]?.code, 'yaml-too-deep');
    assert.equal(parsed.structural, false);
  });
});
