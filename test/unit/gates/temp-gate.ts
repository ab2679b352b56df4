// Test helper for regression tests that need small, hand-made evidence: writes the files into a
// throwaway project folder, loads them through the engine's own loader (confined to that folder)
// and runs one gate, so each test states its evidence inline instead of in a committed fixture.
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { loadRequests } from '../../../server/src/evidence/loader';
import type { CheckResult, GateDefinition, LoadedEvidence } from '../../../server/src/gates/engine/types';
import { tempProject } from './engine-project';
import { card } from './robustness-context';

/** Runs `gate` on its definition `gateYaml` (as written under `gates:`) with evidence `files` (path → text). */
export async function runGateWith(gate: GateDefinition, gateYaml: string, files: Readonly<Record<string, string>>): Promise<CheckResult[]> {
  const project = tempProject(card(gateYaml));
  try {
    for (const [rel, text] of Object.entries(files)) project.write(rel, text);
    const parsed = new Card(project.cardFile, parseCard(card(gateYaml)));
    const base = ['gates', gate.id];
    const definition = parsed.object(base) ?? {};
    const { results } = await loadRequests(gate.evidence(definition, base), { root: project.root, cardFile: project.cardFile });
    const evidence = new Map<string, LoadedEvidence>(results.map((r) => [r.request.key, r]));
    return gate.compute({ card: parsed, definition, base, evidence, now: new Date('2026-11-26T12:00:00Z') });
  } finally {
    project.cleanup();
  }
}

/** A one-column CSV: header `name`, then one line per value. */
export function column(name: string, values: readonly (string | number)[]): string {
  return `${name}\n${values.map(String).join('\n')}\n`;
}

/** A CSV from named columns of equal length. */
export function table(columns: Readonly<Record<string, readonly (string | number)[]>>): string {
  const names = Object.keys(columns);
  const rows = (columns[names[0] as string] ?? []).length;
  const lines = [names.join(',')];
  for (let r = 0; r < rows; r++) lines.push(names.map((n) => String(columns[n]?.[r] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

/** `n` values produced by `f(i)`. */
export function values<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}
