/**
 * Language server latency against yaml-language-server configured with our schema, in the same run:
 *   - first diagnostics: from spawning the server process to the first publishDiagnostics of a card
 *     opened right after `initialized` (what a user sees on opening a card in a fresh editor), a new
 *     process per run, the two servers alternated run by run;
 *   - warm didOpen and didChange → publishDiagnostics on a running server.
 * yaml-language-server waits `validationDelayMs` (200 ms, as shipped) before it validates; each of
 * its figures is given as shipped and with those 200 ms subtracted (the work alone), said on the line.
 * Not a test: it asserts nothing. Run: node --import tsx bench/lsp.ts [--runs N]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cardOfLines } from './cards';
import { OURS, type Peer, type Published, since, YAML_LS, YAML_LS_DELAY_MS } from './lib/peers';

const ROOT = resolve(__dirname, '..');

/** "min / median / max" of milliseconds, minus `minus`. */
function mmm(xs: number[], minus = 0): string {
  const s = xs.map((x) => x - minus).sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return `${(s[0] as number).toFixed(0)} / ${median.toFixed(0)} / ${(s[s.length - 1] as number).toFixed(0)}`;
}

/** Median of numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** One cold run: spawn, initialize, open the card, first diagnostics; milliseconds from spawn. */
async function cold(peer: Peer, text: string, tag: string): Promise<number> {
  const start = process.hrtime.bigint();
  const client = await peer.start();
  try {
    const uri = pathToFileURL(resolve(ROOT, `bench-${tag}.release.yaml`)).href;
    const done = client.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await done;
    return since(start);
  } finally {
    await client.shutdown();
  }
}

/** Warm didOpen latencies on fresh URIs and didChange latencies on one document. */
async function warm(peer: Peer, text: string, runs: number, tag: string): Promise<{ open: number[]; change: number[] }> {
  const client = await peer.start();
  const open: number[] = [];
  const change: number[] = [];
  try {
    for (let i = 0; i < runs + 2; i++) {
      const uri = pathToFileURL(resolve(ROOT, `bench-${tag}-${i}.release.yaml`)).href;
      const done = client.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri);
      const start = process.hrtime.bigint();
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await done;
      if (i >= 2) open.push(since(start)); // The first two runs warm up the JIT.
    }
    const uri = pathToFileURL(resolve(ROOT, `bench-${tag}-0.release.yaml`)).href;
    const idLine = text.split('\n').findIndex((l) => l.startsWith('release_id:'));
    for (let v = 2; v < runs + 4; v++) {
      const done = client.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri && (p.version === undefined || p.version === v));
      const start = process.hrtime.bigint();
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: idLine, character: 12 }, end: { line: idLine, character: 13 } }, text: String.fromCharCode(97 + (v % 26)) }],
      });
      await done;
      if (v >= 4) change.push(since(start));
    }
  } finally {
    await client.shutdown();
  }
  return { open, change };
}

/** The line of one server's figures; yaml-language-server's again without its delay. */
function lines(peer: Peer, label: string, xs: number[]): string[] {
  const out = [`  ${label.padEnd(22)}${peer.name.padEnd(24)}${mmm(xs).padStart(18)} ms${peer.delay ? '   (as shipped)' : ''}`];
  if (peer.delay) out.push(`  ${label.padEnd(22)}${peer.name.padEnd(24)}${mmm(xs, peer.delay).padStart(18)} ms   (minus its ${peer.delay} ms validation delay: the work alone)`);
  return out;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 5;
  const base = readFileSync(resolve(ROOT, 'examples/churn/release-card.yaml'), 'utf8');
  console.log(`LSP latency, min / median / max over ${runs} runs each, servers alternated (load ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  for (const size of [31, 1000, 10000]) {
    const text = cardOfLines(base, size);
    const n = text.split('\n').length - 1;
    const first: Record<string, number[]> = { [OURS.name]: [], [YAML_LS.name]: [] };
    for (let r = 0; r < runs; r++) {
      for (const peer of r % 2 === 0 ? [OURS, YAML_LS] : [YAML_LS, OURS]) first[peer.name]?.push(await cold(peer, text, `${peer.name}-${n}-${r}`));
    }
    console.log(`${n} lines (load ${loadavg()[0]?.toFixed(2)})`);
    for (const peer of [OURS, YAML_LS]) console.log(lines(peer, 'first diagnostics', first[peer.name] ?? []).join('\n'));
    const oursFirst = median(first[OURS.name] ?? []);
    const theirs = median(first[YAML_LS.name] ?? []);
    console.log(`  first diagnostics: ours ${oursFirst < theirs ? 'ahead of' : 'BEHIND'} yaml-language-server as shipped (${(theirs / oursFirst).toFixed(2)}×), ${oursFirst < theirs - YAML_LS_DELAY_MS ? 'ahead' : 'behind'} without its delay (${((theirs - YAML_LS_DELAY_MS) / oursFirst).toFixed(2)}×)`);
    const warmRuns = size >= 10000 ? Math.max(3, Math.ceil(runs / 2)) : runs * 3;
    for (const peer of [OURS, YAML_LS]) {
      const w = await warm(peer, text, warmRuns, `${peer.name}-${n}`);
      console.log([...lines(peer, 'warm didOpen', w.open), ...lines(peer, 'warm didChange', w.change)].join('\n'));
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
