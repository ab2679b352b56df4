import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINIMAL } from '../unit/card/helpers';
import { startSession, type Session } from './server';

/** Hostile inputs: each must end in a located diagnostic, and the server must answer on. */
const CASES: { name: string; text: () => string; code: string; line: number }[] = [
  { name: 'an empty file', text: () => '', code: 'file-empty', line: 0 },
  { name: 'binary garbage', text: () => 'release_id: x\n' + String.fromCharCode(0, 255, 1, 2, 3) + '\u00ff\ufffd', code: 'file-binary', line: 1 },
  {
    name: 'an alias bomb (billions of expansions)',
    text: () => {
      let t = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
      for (let i = 1; i < 10; i++) t += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
      return t;
    },
    code: 'yaml-alias-limit',
    line: 1,
  },
  { name: 'nesting 10,000 levels deep', text: () => 'gates: ' + '['.repeat(10000) + ']'.repeat(10000) + '\n', code: 'yaml-too-deep', line: 0 },
  { name: 'a 20 MB file', text: () => 'release_id: x\n' + '# padding padding padding padding padding padding padding padding\n'.repeat(320_000), code: 'file-too-large', line: 0 },
];

describe('bad input never kills the server', () => {
  let s: Session;
  before(async () => {
    s = await startSession();
  });
  after(async () => {
    await s.close();
  });

  for (const [i, c] of CASES.entries()) {
    it(`answers ${c.name} with a located ${c.code} diagnostic`, async () => {
      const published = await s.open(`bad-${i}.release.yaml`, c.text());
      const match = published.diagnostics.find((d) => d.code === c.code);
      assert.ok(match, JSON.stringify(published.diagnostics.map((d) => d.code)));
      assert.equal(match.range.start.line, c.line);
      assert.ok(s.client.alive);
    });
  }

  it('still validates a normal card afterwards', async () => {
    const published = await s.open('after.release.yaml', MINIMAL.replace('canary', 'canery'));
    assert.ok(published.diagnostics.some((d) => d.code === 'schema-enum'));
  });
});
