/**
 * Responsiveness under hostile input (issue 13), for our bundled server and for yaml-language-server
 * configured with our schema, in the same run:
 *
 * 1. `release-gates check` on each hostile card of the issue: the CLI as users run it (process
 *    start included) and the check alone in this process.
 * 2. didOpen → publishDiagnostics on each hostile card, in both servers.
 * 3. A 2,000-edit burst on a 10,000-line card with a hover or a completion after every 20 edits:
 *    how long each request waits, a hover sent right after the burst, and the time from the last
 *    edit to the diagnostics of the last version.
 *
 * Not a test: it asserts nothing and prints its figures.
 *
 *   node --import tsx bench/responsiveness.ts [--only check|open|burst]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkText } from '../server/src/check';
import type { LspClient } from '../test/lsp/harness';
import { SEED_CARD, worstCards } from '../test/unit/card/hostile-cards';
import { cardOfLines } from './cards';
import { OURS, type Peer, type Published, since, YAML_LS } from './lib/peers';

const ROOT = resolve(__dirname, '..');
/** How long one open or one burst may take before the bench gives up on that server. */
const TIMEOUT_MS = 60_000;

/** Median, nearest-rank 95th percentile and maximum of a sample. */
function summary(xs: number[]): { median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length === 0 ? NaN : s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { median, p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? NaN, max: s[s.length - 1] ?? NaN };
}

/** A promise that rejects after `ms`, for racing a server that does not answer. */
function timeout(ms: number, what: string): { promise: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)));
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Milliseconds formatted for the table, or the reason there is no figure. */
function ms(x: number | string): string {
  return typeof x === 'string' ? x : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`;
}

/** Shuts a server down, or ends it when it does not answer within a few seconds. */
async function stop(client: LspClient): Promise<void> {
  if (!client.alive) return;
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((r) => (timer = setTimeout(r, 5000)));
  await Promise.race([client.shutdown().catch(() => undefined), gaveUp]);
  clearTimeout(timer);
  client.kill();
}

/** The fastest of `runs` timings of `fn`, in milliseconds: on a shared machine, noise only adds. */
function best(runs: number, fn: () => unknown): number {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    fastest = Math.min(fastest, since(start));
  }
  return fastest;
}

/** Part 1: `check` on each hostile card, as a CLI run and in-process (the first run, and the best of three). */
function checkTimes(): void {
  const dir = mkdtempSync(join(tmpdir(), 'rg-bench-'));
  try {
    checkText('warm.release.yaml', SEED_CARD);
    console.log('\n`release-gates check` on the hostile cards of issue 13 (CLI: best of 3 process runs)');
    console.log('card                           KiB      CLI (process)   in-process first   best of 3   findings');
    for (const c of worstCards()) {
      const file = join(dir, 'hostile.release.yaml');
      writeFileSync(file, c.text);
      const cli = best(3, () => spawnSync(process.execPath, [resolve(ROOT, 'dist/cli.js'), 'check', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
      const first = best(1, () => checkText(file, c.text));
      const warm = best(3, () => checkText(file, c.text));
      const findings = checkText(file, c.text).findings.length;
      console.log(`${c.name.padEnd(31)}${(c.text.length / 1024).toFixed(0).padStart(5)}${ms(cli).padStart(17)}${ms(first).padStart(19)}${ms(warm).padStart(12)}${String(findings).padStart(11)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens `text` and waits for its first diagnostics; a figure, or why there is none. */
async function openTime(peer: Peer, client: LspClient, text: string, tag: string): Promise<number | string> {
  const uri = pathToFileURL(resolve(ROOT, `bench-open-${tag}.release.yaml`)).href;
  const done = client.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri);
  done.catch(() => undefined);
  const limit = timeout(TIMEOUT_MS, `${peer.name} open`);
  const start = process.hrtime.bigint();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  try {
    await Promise.race([done, limit.promise]);
    return since(start);
  } catch {
    return `> ${TIMEOUT_MS / 1000} s`;
  } finally {
    limit.cancel();
  }
}

/** Part 2: didOpen → diagnostics on each hostile card, a fresh server per card and peer. */
async function openTimes(): Promise<void> {
  console.log('\ndidOpen → publishDiagnostics on the hostile cards');
  console.log(`card                           ${OURS.name.padStart(16)}${YAML_LS.name.padStart(24)}`);
  for (const [i, c] of worstCards().entries()) {
    const row: string[] = [];
    for (const peer of [OURS, YAML_LS]) {
      const client = await peer.start();
      // One small card first, so start-up and schema compilation are not counted.
      await openTime(peer, client, SEED_CARD, `warm-${i}`);
      row.push(ms(await openTime(peer, client, c.text, `${peer.name}-${i}`)));
      await stop(client);
    }
    console.log(`${c.name.padEnd(31)}${(row[0] ?? '').padStart(16)}${(row[1] ?? '').padStart(24)}`);
  }
}

/** What a burst measured. */
interface BurstFigures {
  hover: number[];
  completion: number[];
  hoverAfter: number | string;
  lastDiagnostics: number | string;
}

/**
 * Part 3: 2,000 edits on a 10,000-line card, a hover or completion after every 20 edits. `paced`
 * sends one edit per millisecond (far faster than typing); otherwise all are written at once, and
 * every request waits for the edits before it, which LSP processes in order.
 */
async function burst(peer: Peer, text: string, paced: boolean): Promise<BurstFigures> {
  const client = await peer.start();
  const uri = pathToFileURL(resolve(ROOT, `bench-burst-${peer.name}.release.yaml`)).href;
  const out: BurstFigures = { hover: [], completion: [], hoverAfter: 'n/a', lastDiagnostics: 'n/a' };
  try {
    const opened = client.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await opened;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('release_id:'));
    // Completion of a key inside the rollout block (`  st|rategy: canary`), as while typing there.
    const keyLine = lines.findIndex((l) => l.startsWith('rollout:')) + 1;
    const request = (method: string, position: { line: number; character: number }, into: number[]): Promise<void> => {
      const start = process.hrtime.bigint();
      return client.request(method, { textDocument: { uri }, position }).then(() => void into.push(since(start)), () => undefined);
    };
    const EDITS = 2000;
    // yaml-language-server may not send versions; then the first diagnostics after the last edit count.
    const final = client.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri && (p.version === undefined || p.version === EDITS + 1));
    final.catch(() => undefined);
    const pending: Promise<void>[] = [];
    let lastEdit = process.hrtime.bigint();
    for (let v = 2; v <= EDITS + 1; v++) {
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line, character: 12 }, end: { line, character: 13 } }, text: String.fromCharCode(97 + (v % 26)) }],
      });
      lastEdit = process.hrtime.bigint();
      if (paced) await new Promise((r) => setTimeout(r, 1));
      if (v % 20 === 0) pending.push(request('textDocument/hover', { line, character: 3 }, out.hover));
      if (v % 20 === 10) pending.push(request('textDocument/completion', { line: keyLine, character: 4 }, out.completion));
    }
    const after: number[] = [];
    pending.push(request('textDocument/hover', { line, character: 3 }, after));
    const limit = timeout(TIMEOUT_MS, `${peer.name} burst`);
    try {
      await Promise.race([Promise.all(pending), limit.promise]);
      out.hoverAfter = after[0] ?? 'n/a';
      await Promise.race([final, limit.promise]);
      out.lastDiagnostics = since(lastEdit);
    } catch (err) {
      out.hoverAfter = after[0] ?? `> ${TIMEOUT_MS / 1000} s`;
      out.lastDiagnostics = (err as Error).message;
    } finally {
      limit.cancel();
    }
  } finally {
    await stop(client);
  }
  return out;
}

async function bursts(): Promise<void> {
  const text = cardOfLines(readFileSync(resolve(ROOT, 'examples/churn/release-card.yaml'), 'utf8'), 10_000);
  console.log(`\n2,000 edits on a ${text.split('\n').length.toLocaleString('en-US')}-line card, a hover or completion after every 20 edits (request → answer)`);
  console.log('burst      server                  hover median      p95      max   completion median      p95      max   hover after burst   last edit → diagnostics');
  for (const paced of [true, false]) {
    for (const peer of [OURS, YAML_LS]) {
      const r = await burst(peer, text, paced);
      const h = summary(r.hover);
      const c = summary(r.completion);
      console.log(
        `${(paced ? '1 per ms' : 'at once').padEnd(11)}${peer.name.padEnd(22)}${ms(h.median).padStart(14)}${ms(h.p95).padStart(9)}${ms(h.max).padStart(9)}` +
          `${ms(c.median).padStart(20)}${ms(c.p95).padStart(9)}${ms(c.max).padStart(9)}${ms(r.hoverAfter).padStart(20)}   ${ms(r.lastDiagnostics)}`,
      );
    }
  }
}

async function main(): Promise<void> {
  // `--only check|open|burst` runs one part.
  const at = process.argv.indexOf('--only');
  const only = at > 0 ? process.argv[at + 1] : undefined;
  if (!only || only === 'check') checkTimes();
  if (!only || only === 'open') await openTimes();
  if (!only || only === 'burst') await bursts();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
