/**
 * Mutations of the example card: a number the card states (a threshold, an SLO, a step) rewritten
 * with the wrong type or a unit glued on, a key misspelt so its threshold silently vanishes, a
 * number made negative, and the article's anti-patterns written into a valid card. Each mutation
 * edits the card text at the YAML node's own range, so everything else stays byte-identical.
 */
import fc from 'fast-check';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Card, CardPath } from '../../server/src/card/model';

/** A mutation of the card text. */
export interface CardMutation {
  label: string;
  /** True when the mutated card no longer matches the schema, so `check` must report an error. */
  schemaInvalid: boolean;
  apply(text: string): string;
}

/** Values of the wrong type, or a number with its unit glued on: the schema must reject each. */
const WRONG_TYPE = ['"800"', '800ms', '"0.5%"', 'null', '[1]', 'true', '{}', '.nan', '.inf', '-.inf'];

/** Sections whose numbers decide the release (the bundle's own parameters are free-form maps). */
const SECTIONS: readonly CardPath[] = [['gates'], ['slo'], ['rollout'], ['baseline', 'cost_per_useful_result']];

/** Every numeric scalar under the deciding sections, with its card path and text range. */
export function numericLeaves(card: Card): { path: CardPath; range: [number, number] }[] {
  const out: { path: CardPath; range: [number, number] }[] = [];
  const walk = (node: Node | null | undefined, path: CardPath): void => {
    if (isScalar(node) && typeof node.value === 'number' && node.range) out.push({ path, range: [node.range[0], node.range[1]] });
    else if (isMap(node)) for (const pair of node.items) walk(pair.value as Node, [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)]);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item as Node, [...path, i]));
  };
  for (const section of SECTIONS) walk(card.node(section), section);
  return out;
}

/** Every key under `gates` that holds a number (a misspelling drops its threshold). */
function thresholdKeys(card: Card): { path: CardPath; range: [number, number] }[] {
  return numericLeaves(card).filter((l) => l.path[0] === 'gates' && typeof l.path[l.path.length - 1] === 'string').flatMap((l) => {
    const pair = card.pair(l.path);
    const key = pair?.key as Node | undefined;
    return key?.range ? [{ path: l.path, range: [key.range[0], key.range[1]] as [number, number] }] : [];
  });
}

/** Replaces `[start, end)` of the text. */
function splice(text: string, [start, end]: [number, number], value: string): string {
  return text.slice(0, start) + value + text.slice(end);
}

/** The article's anti-patterns as edits of a valid card: each must make `run` refuse the release. */
const ANTI_PATTERNS: readonly { label: string; from: string; to: string }[] = [
  { label: 'feature pipeline not pinned', from: 'feature_pipeline: feature-pipeline:v19', to: 'feature_pipeline: feature-pipeline:latest' },
  { label: 'canary skipped', from: 'strategy: canary', to: 'strategy: all_at_once' },
  { label: 'canary steps that never reach 100', from: 'steps: [5, 25, 50, 100]', to: 'steps: [5, 25, 50]' },
];

/** Gives a mutation its label as the text fast-check prints for a counterexample. */
function labelled(m: CardMutation): CardMutation {
  return Object.assign(m, { [fc.toStringMethod]: () => m.label });
}

/** Any mutation of the card (its text is needed to find the numbers). */
export function cardMutation(card: Card): fc.Arbitrary<CardMutation> {
  const leaves = numericLeaves(card);
  const keys = thresholdKeys(card);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...leaves), fc.constantFrom(...WRONG_TYPE)).map(([l, v]) => labelled({
      label: `${l.path.join('.')} = ${v}`, schemaInvalid: true, apply: (t) => splice(t, l.range, v),
    })),
    fc.tuple(fc.constantFrom(...keys), fc.constantFrom('_msec', 'x', 's')).map(([k, suffix]) => labelled({
      label: `key ${k.path.join('.')} renamed with "${suffix}"`, schemaInvalid: true, apply: (t) => splice(t, [k.range[1], k.range[1]], suffix),
    })),
    fc.constantFrom(...leaves).map((l) => labelled({
      label: `${l.path.join('.')} made negative`, schemaInvalid: false, apply: (t) => splice(t, l.range, `-${t.slice(l.range[0], l.range[1]).replace(/^-/, '')}`),
    })),
    fc.constantFrom(...ANTI_PATTERNS).map((a) => labelled({
      label: a.label, schemaInvalid: false, apply: (t) => {
        if (!t.includes(a.from)) throw new Error(`the example card no longer contains "${a.from}"`);
        return t.replace(a.from, a.to);
      },
    })),
  );
}

/** Anti-pattern labels, for a test that each one blocks on its own. */
export const ANTI_PATTERN_EDITS = ANTI_PATTERNS;
