// Keys that once skipped every check (issue 13): complex keys were never reported, an alias used
// as a key silently replaced the key it names, and the YAML package's warning about such keys
// reached the editor as an error. Each is now a located finding, and no runtime warning is emitted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pair } from 'yaml';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { checkText } from '../../../server/src/check';
import { ALIAS_KEY_CARD, COMPLEX_KEY_CARD, manyAliasKeys } from './hostile-cards';
import { MINIMAL, rangeOf, withCode } from './helpers';

/** Process warnings emitted while `run` runs and until the next turn of the event loop. */
async function warningsDuring(run: () => void): Promise<string[]> {
  const seen: string[] = [];
  const listener = (w: Error): void => void seen.push(w.message);
  process.on('warning', listener);
  try {
    run();
    // process.emitWarning delivers on a later tick; one macrotask turn lets any pending one arrive.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return seen;
}

describe('keys of a card are plain names, each once', () => {
  it('reports an explicit complex key "? [a, b]" as an error on the key', () => {
    const findings = checkText('c.release.yaml', COMPLEX_KEY_CARD).findings;
    const [complex] = withCode(findings, 'yaml-complex-key');
    assert.ok(complex, JSON.stringify(findings.map((f) => f.code)));
    assert.equal(complex.severity, 'error');
    assert.deepEqual(complex.range, rangeOf(COMPLEX_KEY_CARD, '[a, b]'));
    assert.match(complex.message, /release cards use plain keys/i);
    assert.match(complex.message, /is a list/);
  });

  it('reports flow and mapping keys the same way', () => {
    const flow = MINIMAL + '[a, b]: c\n';
    assert.deepEqual(withCode(parseCard(flow).findings, 'yaml-complex-key')[0]?.range, rangeOf(flow, '[a, b]'));
    const mapping = MINIMAL + '? { a: 1 }\n: c\n';
    const [found] = withCode(parseCard(mapping).findings, 'yaml-complex-key');
    assert.match(found?.message ?? '', /is a mapping/);
  });

  it('reports an alias key that names a collection as complex', () => {
    const text = MINIMAL + 'x_list: &l [a, b]\n*l : c\n';
    const [found] = withCode(parseCard(text).findings, 'yaml-complex-key');
    assert.deepEqual(found?.range, rangeOf(text, '*l'));
  });

  it('counts an alias used as a key as the name it stands for', () => {
    const [dup, ...more] = withCode(parseCard(ALIAS_KEY_CARD).findings, 'yaml-duplicate-key');
    assert.equal(more.length, 0);
    assert.deepEqual(dup?.range, rangeOf(ALIAS_KEY_CARD, '*g'));
    assert.match(dup?.message ?? '', /Key "gates" \(written as the alias \*g\) already appears on line 8/);
  });

  it('lets the model find a key written as an alias', () => {
    const text = MINIMAL + 'x_name: &n owner\n*n : team-a\n';
    const card = new Card('c.release.yaml', parseCard(text));
    assert.deepEqual(withCode(card.parsed.findings, 'yaml-duplicate-key'), []);
    assert.equal(card.get(['owner']), 'team-a');
    assert.deepEqual(card.range(card.pair(['owner']) as Pair), rangeOf(text, '*n'));
  });

  it('fails check (an error, not a pass) on both hostile cards', () => {
    for (const text of [COMPLEX_KEY_CARD, ALIAS_KEY_CARD]) {
      assert.ok(checkText('c.release.yaml', text).findings.some((f) => f.severity === 'error' && f.code.startsWith('yaml-')));
    }
  });

  it('emits no runtime warning for a complex key (it reached the editor as an error)', async () => {
    const warnings = await warningsDuring(() => void checkText('c.release.yaml', COMPLEX_KEY_CARD));
    assert.deepEqual(warnings, []);
  });

  it('refuses more aliases than a card may use (resolving them costs their square in the YAML package)', () => {
    const parsed = parseCard(manyAliasKeys(1200));
    const [limit] = withCode(parsed.findings, 'yaml-alias-limit');
    assert.ok(limit);
    assert.match(limit.message, /1,200 aliases, more than the 1,000/);
    assert.equal(parsed.structural, false);
    assert.deepEqual(withCode(parseCard(manyAliasKeys(400)).findings, 'yaml-alias-limit'), []);
  });
});
