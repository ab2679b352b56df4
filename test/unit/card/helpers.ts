/** Shared helpers for card tests: locate text in a fixture and describe findings compactly. */
import type { Finding } from '../../../server/src/card/findings';

/** The 0-based line/character of the n-th occurrence of a needle in a text. */
export function at(text: string, needle: string, occurrence = 1): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not in fixture`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
}

/** The range a needle occupies, for exact-range assertions. */
export function rangeOf(text: string, needle: string, occurrence = 1): Finding['range'] {
  const start = at(text, needle, occurrence);
  const lines = needle.split('\n');
  const end = lines.length === 1
    ? { line: start.line, character: start.character + needle.length }
    : { line: start.line + lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
  return { start, end };
}

/** The findings with a given code. */
export function withCode(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** A minimal valid card, to which tests add or break one thing. */
export const MINIMAL = `release_id: ml-2026-11-26.1
artifacts:
  model_uri: models:/churn-model/43
gates:
  data_gate: pass
rollout:
  strategy: canary
  steps: [5, 25, 50, 100]
`;
