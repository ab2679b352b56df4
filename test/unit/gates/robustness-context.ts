// Test helper for the robustness, cost, observability and rollback gate tests: builds a real
// GateContext from card text whose evidence paths are relative to a fixture folder, loading the
// evidence through the engine's own loader (so the tests see what a run sees).
import * as path from 'node:path';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { loadRequests } from '../../../server/src/evidence/loader';
import type { CheckResult, GateContext, GateDefinition, LoadedEvidence } from '../../../server/src/gates/engine/types';

/** The repository root (evidence is confined to it). */
export const ROOT = path.resolve(__dirname, '../../..');

/** The fixture folder of one gate. */
export function fixtureDir(gate: string): string {
  return path.join(ROOT, 'test/fixtures/gates', gate);
}

/** Builds the context `gate` sees for `cardText` placed in `dir`, at time `now`. */
export async function contextFor(gate: GateDefinition, cardText: string, dir: string, now = new Date('2026-11-26T12:00:00Z')): Promise<GateContext> {
  const card = new Card(path.join(dir, 'release-card.yaml'), parseCard(cardText));
  const base = ['gates', gate.id];
  const definition = card.object(base) ?? {};
  const requests = gate.evidence(definition, base);
  const { results } = await loadRequests(requests, { root: ROOT, cardFile: card.source });
  const evidence = new Map<string, LoadedEvidence>(results.map((r) => [r.request.key, r]));
  return { card, definition, base, evidence, now };
}

/** Runs a gate on card text in `dir` and returns its checks. */
export async function runGate(gate: GateDefinition, cardText: string, dir: string, now?: Date): Promise<CheckResult[]> {
  return gate.compute(await contextFor(gate, cardText, dir, now));
}

/** The check with this id; fails the test when it is missing. */
export function check(checks: readonly CheckResult[], id: string): CheckResult {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check '${id}' among: ${checks.map((x) => x.id).join(', ')}`);
  return c;
}

/** Minimal card text around a gate definition (YAML, indented under `gates:`). */
export function card(gateYaml: string, extraTop = ''): string {
  const indented = gateYaml.trim().split('\n').map((l) => `  ${l}`).join('\n');
  return `release_id: t-1\nartifacts:\n  model_uri: models:/m/2\n${extraTop}gates:\n${indented}\nrollout:\n  strategy: canary\n`;
}
