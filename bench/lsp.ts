/**
 * LSP latency benchmark: didOpen and didChange → publishDiagnostics for cards of about 35, 1,000
 * and 10,000 lines, for our bundled server and for yaml-language-server configured with our
 * schema, in the same run. Prints medians, p95 and the ratio. Not a test: it asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/lsp/harness';
import { cardOfLines } from './cards';

const ROOT = resolve(__dirname, '..');
const SCHEMA_URI = pathToFileURL(resolve(ROOT, 'schemas/release-card.schema.json')).href;

interface Peer {
  name: string;
  start(): Promise<LspClient>;
}

const OURS: Peer = {
  name: 'release-gates',
  async start() {
    const c = new LspClient(process.execPath, [resolve(ROOT, 'dist/server.js'), '--stdio'], ROOT);
    await c.initialize(pathToFileURL(ROOT).href);
    return c;
  },
};

const YAML_LS: Peer = {
  name: 'yaml-language-server',
  async start() {
    const bin = resolve(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
    const c = new LspClient(process.execPath, [bin, '--stdio'], ROOT);
    // The schema store is disabled: it would fetch a catalogue from the network.
    const yaml = { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: { [SCHEMA_URI]: ['*.release.yaml'] } };
    c.configuration = (section) => (section === 'yaml' ? yaml : null);
    await c.initialize(pathToFileURL(ROOT).href, {}, { workspace: { configuration: true } });
    c.notify('workspace/didChangeConfiguration', { settings: { yaml } });
    return c;
  },
};

/** Milliseconds since an hrtime start. */
function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median and 95th percentile of a sample (nearest-rank p95). */
function summary(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { median, p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] as number };
}

type Published = { uri: string; version?: number; diagnostics: unknown[] };

/** Measures didOpen latency on fresh URIs and didChange latency on one document. */
async function measure(peer: Peer, text: string, runs: number, tag: string): Promise<{ open: number[]; change: number[]; diagnostics: number }> {
  const client = await peer.start();
  const open: number[] = [];
  const change: number[] = [];
  let diagnostics = 0;
  try {
    for (let i = 0; i < runs + 2; i++) {
      const uri = pathToFileURL(resolve(ROOT, `bench-${tag}-${i}.release.yaml`)).href;
      const done = client.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri);
      const start = process.hrtime.bigint();
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      diagnostics = (await done).diagnostics.length;
      if (i >= 2) open.push(since(start)); // The first two runs warm up the JIT and the schema.
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
  return { open, change, diagnostics };
}

async function main(): Promise<void> {
  const base = readFileSync(resolve(ROOT, 'examples/churn/release-card.yaml'), 'utf8');
  const sizes: [number, number][] = [[35, 40], [1000, 30], [10000, 10]];
  console.log('LSP latency, didOpen/didChange → publishDiagnostics (ms)');
  console.log('lines   server                 open median  open p95  change median  change p95  diagnostics');
  for (const [lines, runs] of sizes) {
    const text = cardOfLines(base, lines);
    const results: Record<string, { open: number; change: number }> = {};
    for (const peer of [OURS, YAML_LS]) {
      const r = await measure(peer, text, runs, `${peer.name}-${lines}`);
      const o = summary(r.open);
      const c = summary(r.change);
      results[peer.name] = { open: o.median, change: c.median };
      console.log(`${String(text.split('\n').length).padEnd(8)}${peer.name.padEnd(23)}${o.median.toFixed(2).padStart(11)}${o.p95.toFixed(2).padStart(10)}${c.median.toFixed(2).padStart(15)}${c.p95.toFixed(2).padStart(12)}${String(r.diagnostics).padStart(13)}`);
    }
    const ours = results['release-gates'];
    const peer = results['yaml-language-server'];
    if (ours && peer) console.log(`        ratio (yaml-language-server / release-gates): open ${(peer.open / ours.open).toFixed(1)}×, change ${(peer.change / ours.change).toFixed(1)}×`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
