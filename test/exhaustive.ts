/**
 * Sampled in `npm test`, exhaustive in `npm run test:exhaustive`. A slow sweep (every path of a
 * card, thousands of generated files) runs a seeded, deterministic sample by default, chosen so
 * that every kind of case still appears; `RELEASE_GATES_EXHAUSTIVE=1` (set by the exhaustive
 * script, which also runs every test file that imports this module) runs all of it.
 */

/** True when the exhaustive variants run. */
export const EXHAUSTIVE = process.env['RELEASE_GATES_EXHAUSTIVE'] === '1';

/** `exhaustive` under `npm run test:exhaustive`, else `sampled`. */
export function sweepSize(sampled: number, exhaustive: number): number {
  return EXHAUSTIVE ? exhaustive : sampled;
}

/**
 * For each item, `perItem` of the variants (all of them when exhaustive), rotating with the item's
 * index so that every variant is still paired with many items: a stratified sample of a product.
 */
export function rotatingPairs<T, V>(items: readonly T[], variants: readonly V[], perItem: number): [T, V][] {
  const k = EXHAUSTIVE ? variants.length : Math.min(perItem, variants.length);
  const out: [T, V][] = [];
  items.forEach((item, i) => {
    for (let j = 0; j < k; j++) out.push([item, variants[(i * k + j) % variants.length] as V]);
  });
  return out;
}
