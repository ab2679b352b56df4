// Loads the SciPy / scikit-learn reference values written by scripts/stats-reference.py.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A JSON number, or "NaN" / "Infinity" / "-Infinity" for values JSON cannot hold. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** The parsed fixture; tests index it loosely and convert with `toNumber`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const reference: any = JSON.parse(readFileSync(join(__dirname, '../../fixtures/stats/reference.json'), 'utf8'));

/** Converts a fixture number (see `JsonNumber`) to a JS number. */
export function toNumber(v: JsonNumber): number {
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v;
}

/** Named numeric input array from the fixture. */
export function arrayOf(name: string): number[] {
  const a = reference.arrays[name] as number[] | undefined;
  assert.ok(a, `fixture array ${name}`);
  return a;
}

/**
 * Asserts actual ≈ expected: relative tolerance `rel`, or absolute `abs` near zero; NaN and
 * infinities must match exactly.
 */
export function assertClose(actual: number, expectedRaw: JsonNumber | number, what: string, rel = 1e-9, abs = 1e-12): void {
  const expected = toNumber(expectedRaw);
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    assert.ok(Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)), `${what}: ${actual} vs ${expected}`);
    return;
  }
  const diff = Math.abs(actual - expected);
  assert.ok(diff <= abs || diff <= rel * Math.abs(expected), `${what}: got ${actual}, expected ${expected} (diff ${diff})`);
}
