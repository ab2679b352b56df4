/**
 * The gate worker: runs in a `worker_threads` Worker so that bootstraps and large evidence files
 * never block the language server's event loop (a newer edit is validated while gates compute).
 * It parses the card text it is given, runs the release as the CLI does (check first, a card that
 * does not match the schema is refused) with an AbortSignal the server can trip, writes the run
 * record (merged with the previous one of the same bundle) and posts the record back.
 */
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { Card } from '../../card/model';
import { parseCard } from '../../card/parse';
import { loadProjectConfig } from '../../config/project-config';
import { registeredGates } from '../../gates/engine/registry';
import type { GateDefinition } from '../../gates/engine/types';
import type { Policy } from '../../policy/types';
import { buildRecord, readRecord, writeRecord } from '../../records';
import { recordVerdict, runRelease } from '../../verdict';
import { mergeRecords } from './results-store';
import { TEST_HOLD_GATE_ENV, type FromWorker, type RunMessage, type ToWorker } from './messages';

const controller = new AbortController();

/** Posts one message to the server. */
function post(message: FromWorker): void {
  parentPort?.postMessage(message);
}

/** The registry, with one gate held until cancellation when the test hook asks for it. */
function registry(): GateDefinition[] | undefined {
  const hold = process.env[TEST_HOLD_GATE_ENV];
  if (!hold) return undefined;
  const [id, mode] = hold.split(':');
  return registeredGates().map((g) => (g.id !== id ? g : {
    ...g,
    compute: (ctx) => new Promise((resolve) => {
      // A stuck gate never returns, so only terminating the worker ends the run.
      if (mode === 'stuck') return;
      // The abort may have come while the gate's evidence was loading, before this listener existed.
      if (ctx.signal?.aborted) resolve([]);
      else ctx.signal?.addEventListener('abort', () => resolve([]), { once: true });
    }),
  }));
}

/** The project policy that applies to the card, read as the server's diagnostics read it (up to the project root). */
function projectPolicy(m: RunMessage): { policy?: Policy } {
  const policy = loadProjectConfig(dirname(m.cardFile), m.root).config.policy;
  return policy ? { policy } : {};
}

/** Runs the release (check, then gates unless the card is refused) and writes the record; never throws (a failure is posted). */
async function run(m: RunMessage): Promise<void> {
  const card = new Card(m.cardFile, parseCard(m.text));
  if (!card.parsed.structural) {
    post({ type: 'failed', reason: 'the card cannot be read as a release card (see its diagnostics), so no gate can run' });
    return;
  }
  const gates = registry();
  // As in the CLI, the Prometheus URL never comes from the card: the user's setting, else the server's environment.
  const prometheus = m.prometheusUrl ?? process.env['RELEASE_GATES_PROMETHEUS_URL'];
  const previous = await readRecord(m.cardFile);
  const before = previous.ok ? previous.record : undefined;
  const { result, verdict } = await runRelease(card, {
    ...(prometheus ? { prometheus: { url: prometheus } } : {}),
    root: m.root, cardFile: m.cardFile, signal: controller.signal, log: (message) => post({ type: 'log', message }),
    ...(m.gates ? { gates: m.gates } : {}), ...(gates ? { registry: gates } : {}),
    rules: { ...(m.severities ? { severities: m.severities } : {}), ...(before ? { record: before } : {}), ...projectPolicy(m) },
    onProgress: (p) => {
      if (p.kind === 'gate') post(p.phase === 'start' ? { type: 'progress', gate: p.gate, phase: 'start' } : { type: 'progress', gate: p.gate, phase: 'done', status: p.status });
      else post({ type: 'file', path: p.path, bytesRead: p.bytesRead, totalBytes: p.totalBytes });
    },
  });
  const record = mergeRecords(before, buildRecord(result, m.cardFile, { card, ...(before ? { previous: before } : {}) }, recordVerdict(verdict)));
  if (result.cancelled || !m.record) {
    post({ type: 'done', record, recordPath: null, cancelled: result.cancelled });
    return;
  }
  try {
    post({ type: 'done', record, recordPath: await writeRecord(m.cardFile, record), cancelled: false });
  } catch (err) {
    post({ type: 'done', record, recordPath: null, cancelled: false, recordError: (err as Error).message });
  }
}

parentPort?.on('message', (m: ToWorker) => {
  if (m.type === 'cancel') controller.abort();
  else run(m).catch((err: unknown) => post({ type: 'failed', reason: `internal error: ${(err as Error)?.stack ?? String(err)}` }));
});
