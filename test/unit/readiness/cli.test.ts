import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliIO } from '../../../server/src/cli/io';
import { readinessCommand } from '../../../server/src/cli/readiness';
import { runCommand } from '../../../server/src/cli/run';

/** Runs a command with captured output. */
async function cli(command: typeof readinessCommand, args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { cwd, out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false, env: {} };
  const code = await command.run(args, io);
  return { code, out, err };
}

describe('release-gates readiness', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'rg-readiness-'));
    cpSync(resolve(__dirname, '../../../examples/churn'), join(root, 'churn'), { recursive: true });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('exits 1 before any run and 0 once a run passed every gate', async () => {
    const first = await cli(readinessCommand, ['churn/release-card.yaml'], root);
    assert.equal(first.code, 1);
    assert.match(first.out, /NOT READY: 7 answer\(s\) are no/);
    assert.equal((await cli(runCommand, ['churn/release-card.yaml', '--quiet'], root)).code, 0);
    const second = await cli(readinessCommand, ['churn/release-card.yaml', '--format', 'json'], root);
    assert.equal(second.code, 0, second.out);
    const report = JSON.parse(second.out) as { ready: boolean; answers: unknown[] };
    assert.equal(report.ready, true);
    assert.equal(report.answers.length, 12);
  });

  it('rejects a bad format and a missing card with exit 2', async () => {
    assert.equal((await cli(readinessCommand, ['churn/release-card.yaml', '--format', 'xml'], root)).code, 2);
    const missing = await cli(readinessCommand, ['nope.yaml'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read nope\.yaml/);
  });
});
