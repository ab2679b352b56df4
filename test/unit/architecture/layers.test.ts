/**
 * Keeps the architecture of docs/architecture.md true: every folder of `server/src` sits on a
 * layer and imports only from lower layers; no cycles, between folders or between files; the
 * statistics do no I/O; the core never depends on the LSP library; each gate folder stands on the
 * gate engine alone; the client only shares the typed protocol with the server.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cycles, importsOf, type ImportEdge, ROOT, sourceFiles } from './imports';

/**
 * The layers, lowest first. A folder may import from its own folder and from folders on lower
 * layers. A new folder must be placed here (the test fails until it is), which is the point.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['stats', 'version', 'protocol', 'format'],
  ['card'],
  ['schema', 'slo', 'prometheus'],
  ['evidence', 'alerts'],
  ['gates', 'rollout'],
  ['records', 'scaffold'],
  ['rules', 'policy'],
  ['review'],
  ['config', 'check'],
  ['verdict'],
  ['readiness', 'report'],
  ['features', 'cli'],
  ['server'],
  ['cli-main'],
];

/** Folders that make up the core: they serve the CLI and the server alike and never speak LSP. */
const CORE = new Set(['stats', 'format', 'card', 'schema', 'slo', 'prometheus', 'evidence', 'alerts', 'gates', 'rollout', 'records', 'scaffold', 'rules', 'policy', 'review', 'config', 'readiness', 'check', 'verdict', 'report']);

/** Node modules that do I/O or start processes; pure layers import none of them. */
const IO_MODULES = /^node:(fs|fs\/promises|net|http|https|http2|child_process|worker_threads|dgram|dns|tls|cluster|os|readline)$|^(fs|net|http|https|child_process|worker_threads)$/;

const SERVER = sourceFiles('server/src');

/** The folder of a server file: its first path segment under server/src, or the file's own name. */
function folderOf(file: string): string {
  const rest = file.slice('server/src/'.length).split('/');
  if (rest.length > 1) return rest[0] ?? '';
  const name = (rest[0] ?? '').replace(/\.ts$/, '');
  return name === 'cli' ? 'cli-main' : name;
}

const rank = new Map<string, number>();
LAYERS.forEach((layer, i) => layer.forEach((folder) => rank.set(folder, i)));

const edges: ImportEdge[] = SERVER.flatMap((f) => importsOf(f));
const internal = edges.filter((e) => e.target?.startsWith('server/src/'));

/** `file → target` lines, for assertion messages that say exactly which import is wrong. */
const show = (list: readonly ImportEdge[]): string => list.map((e) => `${e.from} → ${e.target ?? e.specifier}`).join('\n');

describe('architecture: layers of server/src', () => {
  it('places every folder on a layer', () => {
    const unplaced = [...new Set(SERVER.map(folderOf))].filter((f) => !rank.has(f));
    assert.deepEqual(unplaced, [], `folders not on any layer of test/unit/architecture/layers.test.ts: ${unplaced.join(', ')}`);
  });

  it('imports only from the same folder or a lower layer', () => {
    const upward = internal.filter((e) => {
      const a = folderOf(e.from);
      const b = folderOf(e.target ?? '');
      return a !== b && (rank.get(b) ?? Infinity) >= (rank.get(a) ?? -Infinity);
    });
    assert.equal(upward.length, 0, `imports that go sideways or up:\n${show(upward)}`);
  });

  it('has no import cycle between files', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of internal) {
      const set = graph.get(e.from) ?? new Set<string>();
      set.add(e.target ?? '');
      graph.set(e.from, set);
    }
    assert.deepEqual(cycles(graph), []);
  });

  it('keeps stats/ pure: no I/O module and nothing outside stats/', () => {
    const bad = edges.filter((e) => e.from.startsWith('server/src/stats/') && (IO_MODULES.test(e.specifier) || (e.target !== undefined && !e.target.startsWith('server/src/stats/')) || (e.target === undefined && e.specifier.startsWith('.'))));
    assert.equal(bad.length, 0, show(bad));
  });

  it('keeps format/ pure: no I/O module and nothing outside format/, so every layer can word results', () => {
    const bad = edges.filter((e) => e.from.startsWith('server/src/format/') && (IO_MODULES.test(e.specifier) || (e.target !== undefined && !e.target.startsWith('server/src/format/')) || (e.target === undefined && !e.specifier.startsWith('.'))));
    assert.equal(bad.length, 0, show(bad));
  });

  it('keeps gates free of I/O: gates ask the evidence layer, they never touch files or the network', () => {
    const bad = edges.filter((e) => e.from.startsWith('server/src/gates/') && IO_MODULES.test(e.specifier));
    assert.equal(bad.length, 0, show(bad));
  });

  it('builds each gate on the engine alone: no gate imports another gate', () => {
    const gateOf = (f: string): string | undefined => /^server\/src\/gates\/([^/]+)\//.exec(f)?.[1];
    const bad = internal.filter((e) => {
      const a = gateOf(e.from);
      const b = gateOf(e.target ?? '');
      return a !== undefined && b !== undefined && a !== b && a !== 'engine' && b !== 'engine';
    });
    assert.equal(bad.length, 0, show(bad));
  });

  it('keeps the core free of the LSP library', () => {
    const bad = edges.filter((e) => CORE.has(folderOf(e.from)) && /^vscode-languageserver/.test(e.specifier));
    assert.equal(bad.length, 0, show(bad));
  });
});

describe('architecture: the client is thin', () => {
  const CLIENT = sourceFiles('client/src');
  const allowedPackage = /^(vscode|vscode-languageclient(\/node)?|node:[a-z/_]+)$/;

  it('imports from the server only the typed protocol', () => {
    const bad = CLIENT.flatMap((f) => importsOf(f)).filter((e) => {
      if (e.target === undefined) return !allowedPackage.test(e.specifier);
      return !(e.target.startsWith('client/src/') || e.target === 'server/src/protocol.ts');
    });
    assert.equal(bad.length, 0, `client imports beyond the protocol:\n${show(bad)}`);
  });
});

describe('architecture: docs/architecture.md matches the code', () => {
  const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');

  it('states the layer of every folder as the test enforces it', () => {
    const stated = new Map<string, number>();
    for (const m of doc.matchAll(/^\| (\d+) \| (.+?) \|/gm)) {
      for (const name of (m[2] ?? '').matchAll(/`([a-z-]+)(?:\/|\.ts)`/g)) stated.set(name[1] === 'cli' && (m[2] ?? '').includes('cli.ts') ? 'cli-main' : name[1] ?? '', Number(m[1]));
    }
    assert.deepEqual([...stated].sort(), [...rank].sort());
  });

  it('links only to files that exist', () => {
    const missing = [...doc.matchAll(/\]\((\.\.\/[^)#]+)\)/g)].map((m) => m[1] ?? '').filter((p) => !existsSync(path.join(ROOT, 'docs', p)));
    assert.deepEqual(missing, []);
  });
});
