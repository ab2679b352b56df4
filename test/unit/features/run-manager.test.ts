import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { RunManager } from '../../../server/src/features/run-manager';
import { TEST_HOLD_GATE_ENV } from '../../../server/src/features/run-messages';

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

  it('stops a held gate through its abort signal', async () => {
    process.env[TEST_HOLD_GATE_ENV] = 'data';
    let handle: ReturnType<RunManager['start']> | undefined;
    const started = new Promise<void>((ready) => {
      handle = new RunManager(WORKER, 60_000).start({ text: readFileSync(cardFile, 'utf8'), cardFile, root, onGate: (g, phase) => g === 'data' && phase === 'start' && ready() });
    });
    await started;
    handle?.cancel();
    assert.deepEqual(await handle?.outcome, { kind: 'cancelled' });
  });

  it('reports a card that is not a card as a failed run', async () => {
    const outcome = await new RunManager(WORKER).start({ text: 'release_id: [', cardFile, root }).outcome;
    assert.equal(outcome.kind, 'failed');
  });
});
