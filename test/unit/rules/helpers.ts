// Shared helpers of the rule tests: run the real pipeline, apply a fix's edits through the one
// position converter, and read fixtures.
import type { Finding, Fix } from '../../../server/src/card/findings';
import { LineIndex } from '../../../server/src/card/positions';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import { checkCard, checkText } from '../../../server/src/check';
import { currentFingerprint, type RunRecord, staleReason } from '../../../server/src/records';
import type { RuleOptions } from '../../../server/src/rules/engine';

/** The clock every rule test uses unless it says otherwise. */
export const NOW = new Date('2026-11-26T12:00:00Z');

/** Findings of the whole check (YAML, schema, rules) for a card text. */
export function check(text: string, options: RuleOptions = {}): Finding[] {
  return checkText('card.yaml', text, { now: NOW, ...options }).findings;
}

/** Findings with one code. */
export function only(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** Applies a fix's edits (non-overlapping) to a text, last edit first so offsets stay valid. */
export function applyFix(text: string, fix: Fix): string {
  const index = new LineIndex(text);
  const edits = fix.edits
    .map((e) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The fix with a title starting with the given words. */
export function fixTitled(f: Finding | undefined, prefix: string): Fix {
  const fix = f?.fixes?.find((x) => x.title.startsWith(prefix));
  if (!fix) throw new Error(`no fix "${prefix}…" on ${f?.code ?? 'no finding'}: ${(f?.fixes ?? []).map((x) => x.title).join(' | ')}`);
  return fix;
}

/** `line:col` (1-based) of a finding's start. */
export function at(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}`;
}

/**
 * Checks a card file's text as `release-gates check` does with a run record beside it: a record
 * with a fingerprint is compared with the card (evidence hashed under `root`) for its staleness.
 */
export async function checkWithRecord(display: string, file: string, text: string, root: string, options: RuleOptions & { record?: RunRecord }): Promise<Finding[]> {
  const card = new Card(display, parseCard(text));
  const { record } = options;
  const stale = record?.fingerprint && card.parsed.structural ? staleReason(card, record, await currentFingerprint(card, { root, cardFile: file })) : undefined;
  return checkCard(card, { ...options, ...(stale !== undefined ? { staleReason: stale } : {}) }).findings;
}
