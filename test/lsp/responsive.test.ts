// The server stays responsive and says what it does (issue 13): validation runs in steps between
// requests and drops stale versions; hover answers during a burst of edits; runtime warnings are
// never shown as errors; the log has a start line and one line per validation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cardOfLines } from '../../bench/cards';
import { COMPLEX_KEY_CARD } from '../unit/card/hostile-cards';
import { startSession, type Diagnostics, type Session } from './server';

const EXAMPLE = readFileSync(resolve(__dirname, '../../examples/churn/release-card.yaml'), 'utf8');

/** The first log line that satisfies `match`, logged already or when it comes. */
function logLine(s: Session, match: (line: string) => boolean): Promise<string> {
  const seen = s.client.logs.find(match);
  if (seen !== undefined) return Promise.resolve(seen);
  return s.client.waitFor<{ message: string }>('window/logMessage', (p) => match(p.message)).then((p) => p.message);
}

describe('a responsive server that logs what it does', () => {
  let s: Session;
  before(async () => {
    s = await startSession({ releaseGates: { cardGlobs: ['cards/*.yaml'] } });
  });
  after(async () => {
    await s.close();
  });

  it('logs a start line with its version, the workspace trust and the card globs', async () => {
    const start = await logLine(s, (l) => l.includes('language server started'));
    assert.match(start, /release-gates \d+\.\d+\.\d+ language server started \(Node v\d+/);
    assert.match(start, /workspace trusted/);
    assert.match(start, /card globs: \*\*\/release-card\.yaml, .*, cards\/\*\.yaml/);
  });

  it('reports a complex key as a finding, logs one line for the validation and no error', async () => {
    const published = await s.open('complex.release.yaml', COMPLEX_KEY_CARD);
    assert.ok(published.diagnostics.some((d) => d.code === 'yaml-complex-key' && d.severity === 1));
    const line = await logLine(s, (l) => l.startsWith(`validated ${s.uri('complex.release.yaml')} v1: `));
    assert.match(line, /v1: \d+ errors?.* in \d+ ms/);
    assert.deepEqual(s.client.logEntries.filter((e) => e.type === 1 || /stringified/.test(e.message)), []);
  });

  it('answers every hover of a burst of edits and publishes only the last version', async () => {
    const name = 'burst.release.yaml';
    const uri = s.uri(name);
    const text = cardOfLines(EXAMPLE, 2000);
    await s.open(name, text);
    const published: number[] = [];
    const last = s.client.waitFor<Diagnostics>('textDocument/publishDiagnostics', (p) => {
      if (p.uri === uri) published.push(p.version ?? -1);
      return p.uri === uri && p.version === 201;
    });
    const line = text.split('\n').findIndex((l) => l.startsWith('release_id:'));
    const hovers: Promise<unknown>[] = [];
    for (let v = 2; v <= 201; v++) {
      s.client.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line, character: 12 }, end: { line, character: 13 } }, text: String.fromCharCode(97 + (v % 26)) }],
      });
      if (v % 20 === 0) hovers.push(s.client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } }));
    }
    const answers = await Promise.all(hovers);
    assert.equal(answers.length, 10);
    for (const a of answers) assert.match(JSON.stringify(a), /release_id/);
    await last;
    assert.deepEqual(published, [...published].sort((a, b) => a - b), `versions published out of order: ${published.join(', ')}`);
    assert.ok(published.length < 200, `${published.length} validations published for 200 edits`);
  });
});
