/**
 * Evidence workers run with a V8 heap limit from their file's memory budget, and a worker stopped
 * at that limit becomes a clear `too-large` problem: never a crash of the process, never a hang.
 */
import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import { after, describe, it } from 'node:test';
import { MIB, WORKER_BASE_HEAP_MIB, workerResourceLimits } from '../../../server/src/evidence/budget';
import { loadTableInThread, runLoader } from '../../../server/src/evidence/threads';
import { problems, tempDir, value } from './helpers';

describe('evidence worker memory limits', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('gives a worker the budget plus 128 MiB of heap, never more than this process has', () => {
    assert.deepEqual(workerResourceLimits(256 * MIB), { maxOldGenerationSizeMb: 256 + WORKER_BASE_HEAP_MIB });
    const own = Math.floor(getHeapStatistics().heap_size_limit / MIB);
    assert.deepEqual(workerResourceLimits(1024 * 1024 * MIB), { maxOldGenerationSizeMb: own });
  });

  it('turns a worker stopped at its heap limit into a too-large problem', async () => {
    // A loader that keeps allocating small objects, as a runaway parser would.
    const hungry = { file: 'hungry', evalCode: 'let head = null; for (;;) head = { next: head, pad: [1, 2, 3, 4] };' };
    const out = await runLoader(hungry, { file: 'x.csv', options: {}, progress: false }, { maxOldGenerationSizeMb: 32 }, 'perf/requests.csv', {});
    const [p] = problems(out.result);
    assert.equal(p?.code, 'too-large');
    assert.match(p?.message ?? '', /^Evidence file 'perf\/requests\.csv' could not be loaded: its loader used up the 32 MiB of memory a load of this file may use and was stopped/);
  });

  it('turns a worker that dies otherwise into an io problem', async () => {
    const dying = { file: 'dying', evalCode: 'process.exit(3);' };
    const [p] = problems((await runLoader(dying, { file: 'x.csv', options: {}, progress: false }, { maxOldGenerationSizeMb: 64 }, 'x.csv', {})).result);
    assert.equal(p?.code, 'io');
    assert.match(p?.message ?? '', /exit code 3/);
  });

  it('loads a table in a limited worker, and applies the budget there', async () => {
    const file = t.write('rows.csv', `a,b\n${'1,2\n'.repeat(20_000)}`);
    const loaded = await loadTableInThread(file, { displayName: 'rows.csv' }, 80_004);
    assert.equal(value(loaded.result).rowCount, 20_000);
    const [p] = problems((await loadTableInThread(file, { displayName: 'rows.csv', maxMemoryBytes: 64 * 1024 }, 80_004)).result);
    assert.equal(p?.code, 'too-large');
    assert.match(p?.message ?? '', /rows\.csv: its table of 2 column\(s\) by [\d,]+ row\(s\) so far would need about/);
  });
});
