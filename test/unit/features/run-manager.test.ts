import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { RunManager } from '../../../server/src/features/run/manager';
import { TEST_HOLD_GATE_ENV } from '../../../server/src/features/run/messages';

// The worker runs from the bundle, as in the product (`npm test` builds it first).
const WORKER = resolve(__dirname, '../../../dist/run-worker.js');

describe('run manager (worker thread)', () => {
  let root: string;
  let cardFile: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'rg-mgr-'));
    cpSync(resolve(__dirname, '../../../examples/churn'), join(root, 'churn'), { recursive: true });
    cardFile = join(root, 'churn', 'release-card.yaml');
  });
  afterEach(() => {
    delete process.env[TEST_HOLD_GATE_ENV];
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('runs selected gates and reports each gate start and end', async () => {
    const seen: string[] = [];
    const handle = new RunManager(WORKER).start({ text: readFileSync(cardFile, 'utf8'), cardFile, root, gates: ['rollback', 'cost'], record: false, onGate: (g, phase, status) => seen.push(`${g}:${phase}${status ? `:${status}` : ''}`) });
    const outcome = await handle.outcome;
    assert.equal(outcome.kind, 'done');
    assert.deepEqual(seen, ['cost:start', 'cost:done:pass', 'rollback:start', 'rollback:done:pass']);
    if (outcome.kind === 'done') assert.equal(outcome.recordPath, null);
  });

  // The grace before termination is a minute and the test allows 20 s: only the abort can end it in time.
  it('stops a held gate through its abort signal', { timeout: 20_000 }, async () => {
    process.env[TEST_HOLD_GATE_ENV] = 'data';
    let handle: ReturnType<RunManager['start']> | undefined;
    const started = new Promise<void>((ready) => {
      handle = new RunManager(WORKER, 60_000).start({ text: readFileSync(cardFile, 'utf8'), cardFile, root, onGate: (g, phase) => g === 'data' && phase === 'start' && ready() });
    });
    await started;
    handle?.cancel();
    assert.deepEqual(await handle?.outcome, { kind: 'cancelled' });
  });

  it('reports progress while reading a large evidence file', async () => {
    const csv = join(root, 'churn', 'evidence', 'perf', 'requests.csv');
    const rows = readFileSync(csv, 'utf8').split('\n').slice(1).filter((l) => l !== '').join('\n');
    // Repeat the samples past the engine's 8 MiB large-file mark.
    while (readFileSync(csv).length < 9 * 1024 * 1024) appendFileSync(csv, `${rows}\n`);
    const seen: number[] = [];
    const handle = new RunManager(WORKER).start({ text: readFileSync(cardFile, 'utf8'), cardFile, root, gates: ['performance'], record: false, onFile: (_p, read, total) => seen.push(read / total) });
    assert.equal((await handle.outcome).kind, 'done');
    assert.ok(seen.length > 0 && seen.every((f) => f > 0 && f <= 1), JSON.stringify(seen.slice(0, 5)));
  });

  it('reports a card that is not a card as a failed run', async () => {
    const outcome = await new RunManager(WORKER).start({ text: 'release_id: [', cardFile, root }).outcome;
    assert.equal(outcome.kind, 'failed');
  });
});

describe('run manager: memory limit of the gate thread', () => {
  it('fails a run that exceeds its heap limit with a plain reason, and the server process lives on', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-oom-'));
    const hog = join(dir, 'hog.js');
    // A stand-in for a runaway gate: it keeps growing its heap until the limit stops it.
    writeFileSync(hog, 'const keep = []; for (;;) keep.push(new Array(1e5).fill({ x: 1 }));\n');
    try {
      const outcome = await new RunManager(hog, 1000, 32).start({ text: '', cardFile: join(dir, 'card.yaml'), root: dir }).outcome;
      assert.equal(outcome.kind, 'failed');
      if (outcome.kind === 'failed') assert.match(outcome.reason, /used up its 32 MiB memory limit/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
