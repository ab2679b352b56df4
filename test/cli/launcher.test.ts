// The `release-gates` launcher (bin/load-cli.js) starts the bundle from the V8 code cache the build
// wrote: same output as the bundle run directly, the cache used only for the build it was made
// from, and a foreign or corrupt cache costing speed, never behaviour.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const CARD = join(ROOT, 'examples/churn/release-card.yaml');

/** `check --format json` through a launcher or a bundle. */
function check(script: string): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [script, 'check', CARD, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

/** Whether the launcher at `bin` would start from its cache (asked in a fresh process). */
function cacheUsed(bin: string): boolean {
  const r = spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(join(bin, 'load-cli.js'))}).loadCli().cacheUsed))`], { encoding: 'utf8' });
  return r.stdout === 'true';
}

describe('the release-gates launcher and its code cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rg-launch-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist'));
  for (const f of ['bin/load-cli.js', 'bin/release-gates.js', 'dist/cli.js', 'dist/cli.js.cache']) copyFileSync(join(ROOT, f), join(dir, f));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const direct = check(join(ROOT, 'dist/cli.js'));

  it('starts from the cache the build wrote, with the output of the bundle run directly', () => {
    assert.equal(cacheUsed(join(ROOT, 'bin')), true, 'npm run build writes dist/cli.js.cache for this build');
    assert.deepEqual(check(join(ROOT, 'bin/release-gates.js')), direct);
  });

  it('ignores a cache made for another build, and still runs the same', () => {
    const cache = readFileSync(join(ROOT, 'dist/cli.js.cache'));
    writeFileSync(join(dir, 'dist/cli.js.cache'), Buffer.concat([Buffer.from('00000000-0000-0000-0000-000000000000\n'), cache.subarray(cache.indexOf(10) + 1)]));
    assert.equal(cacheUsed(join(dir, 'bin')), false);
    assert.deepEqual(check(join(dir, 'bin/release-gates.js')), direct);
  });

  it('survives a corrupt cache of this build (V8 rejects it) and a missing one', () => {
    const cache = readFileSync(join(ROOT, 'dist/cli.js.cache'));
    const header = cache.subarray(0, cache.indexOf(10) + 1);
    writeFileSync(join(dir, 'dist/cli.js.cache'), Buffer.concat([header, Buffer.alloc(4096, 0x5a)]));
    assert.equal(cacheUsed(join(dir, 'bin')), false);
    assert.deepEqual(check(join(dir, 'bin/release-gates.js')), direct);
    rmSync(join(dir, 'dist/cli.js.cache'));
    assert.deepEqual(check(join(dir, 'bin/release-gates.js')), direct);
  });
});
