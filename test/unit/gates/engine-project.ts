// Test helper for the engine, records and CLI tests: a throwaway project folder holding a card and
// its evidence, and a parsed Card for it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';

/** A temporary project: write files into it, parse its card, remove it. */
export interface TempProject {
  root: string;
  cardFile: string;
  write(rel: string, text: string): string;
  card(): Card;
  cleanup(): void;
}

/** Creates a project whose card (at `cardRel`) has the given text. */
export function tempProject(cardText: string, cardRel = 'release-card.yaml'): TempProject {
  const root = mkdtempSync(path.join(tmpdir(), 'rg-engine-'));
  const write = (rel: string, text: string): string => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  const cardFile = write(cardRel, cardText);
  return {
    root, cardFile, write,
    card: () => new Card(cardFile, parseCard(readFileSync(cardFile, 'utf8'))),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Per-request samples that pass `PERF_GATE`: 200 warm requests of 10..200 ms, 10 ms apart. */
export function passingRequests(): string {
  const lines = ['timestamp,latency_ms,status'];
  for (let i = 0; i < 200; i++) lines.push(`${new Date(Date.UTC(2026, 10, 25) + i * 10).toISOString()},${10 + (i % 20) * 10},200`);
  return lines.join('\n') + '\n';
}

/** A performance definition (indented for `gates:`) over `perf/requests.csv`. */
export const PERF_GATE = '  performance:\n    evidence: perf/requests.csv\n    p99_latency_ms: 250\n    min_samples: 100\n';

/** A card around a `gates:` body. */
export function cardWith(gatesBody: string, top = ''): string {
  return `release_id: ml-test.1\nartifacts:\n  model_uri: models:/m/3\n${top}gates:\n${gatesBody}rollout:\n  strategy: canary\n  steps: [5, 100]\n`;
}

/**
 * A project configuration for `cardWith` cards: they hold a gate or two, not a whole release, so
 * the rules about a complete release are warnings there. `run` honours it as `check` does; without
 * it their open rule errors block the release whatever the gates say.
 */
export const FRAGMENT_CONFIG = 'rules:\n  require-complete-bundle: warning\n  require-post-release-owner: warning\n  require-profile-gates: warning\n  require-rollback-coverage: warning\n';
