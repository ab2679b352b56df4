import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MINIMAL } from '../unit/card/helpers';
import { cli, ROOT } from './cli';

describe('release-gates check', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rg-cli-'));
    mkdirSync(join(dir, 'team/a'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
    writeFileSync(join(dir, 'team/a/release-card.yaml'), MINIMAL.replace('  steps:', '  stpes:'));
    writeFileSync(join(dir, 'team/b.release.yml'), MINIMAL.replace('canary', 'canery'));
    writeFileSync(join(dir, 'team/other.yaml'), 'not: a card\n');
    writeFileSync(join(dir, 'node_modules/x/release-card.yaml'), 'ignored: true\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints path:line:col: severity message [code] for every card in a folder, and exits 1', () => {
    const r = cli(['check', 'team'], dir);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n').filter((l) => /\[schema-/.test(l));
    assert.deepEqual(lines.map((l) => l.replace(/ .*\[/, ' [')), [
      'team/a/release-card.yaml:8:3: [schema-unknown-property]',
      'team/b.release.yml:7:13: [schema-enum]',
    ]);
    assert.match(r.stdout, /team\/a\/release-card\.yaml:8:3: error Unknown key "stpes" in rollout; did you mean "steps"\?/);
    assert.doesNotMatch(r.stdout, /other\.yaml|node_modules/);
    assert.match(r.stderr, /2 cards/);
  });

  it('emits JSON with start and end positions', () => {
    const r = cli(['check', '--format', 'json', 'team/a/release-card.yaml'], dir);
    assert.equal(r.status, 1);
    const entries = JSON.parse(r.stdout) as Record<string, unknown>[];
    const entry = entries.find((e) => e['code'] === 'schema-unknown-property');
    assert.deepEqual(entry && { ...entry, message: undefined, fixes: undefined, href: undefined }, {
      path: 'team/a/release-card.yaml', line: 8, column: 3, endLine: 8, endColumn: 8,
      severity: 'error', code: 'schema-unknown-property', message: undefined, fixes: undefined, href: undefined,
    });
  });

  it('exits 0 for the complete example card', () => {
    const r = cli(['check', 'examples/churn/release-card.yaml']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('exits 2 on usage errors and unreadable input', () => {
    assert.equal(cli(['check']).status, 2);
    assert.equal(cli(['check', '--format', 'xml', 'examples']).status, 2);
    assert.equal(cli(['check', '--bogus', 'examples']).status, 2);
    const missing = cli(['check', 'no/such/card.yaml']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read no\/such\/card\.yaml: no such file or folder/);
    assert.equal(cli(['frobnicate']).status, 2);
  });

  it('reports a too-large card as a located finding instead of parsing it', () => {
    writeFileSync(join(dir, 'big.release.yaml'), '# x\n'.repeat(2000));
    const r = cli(['check', '--max-file-size-kib', '4', 'big.release.yaml'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^big\.release\.yaml:1:1: error This file is 8 KiB, above the 4 KiB card limit/);
  });

  it('prints its version and help', () => {
    assert.match(cli(['--version']).stdout, /^release-gates \d+\.\d+\.\d+/);
    const help = cli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /check\s+Validate release cards/);
  });
});

describe('release-gates check with absolute paths', () => {
  it('accepts an absolute card path', () => {
    const r = cli(['check', `${ROOT}/examples/churn/release-card.yaml`], '/');
    assert.equal(r.status, 0, r.stderr);
  });
});
