/**
 * Which drift tests one column gets and how each runs: the card's `tests` or `method` (the
 * column's own, else the drift section's, else Evidently's automatic choice), on samples prepared
 * once for all of them, so several tests of one column share one sort of each sample.
 */
import type { CardPath } from '../../card/model';
import {
  chooseDriftMethod, columnDrift, type DriftColumn, type DriftMethod, type DriftTestResult,
} from '../../stats';
import { list, num, obj, str } from '../engine/checks';
import { distinctPooled, numericDrift } from './columns';
import type { DriftInputs } from './drift-inputs';
import { quantilePsi } from './psi';
import type { NumericPair, SortBuffers } from './samples';

/** Drift settings read from the definition. */
export interface DriftSettings {
  drift: Record<string, unknown>;
  base: CardPath;
  critical: Set<string>;
  /** The buffers every column's sorts in this run reuse. */
  buffers: SortBuffers;
}

/** The card's method name as the statistics module spells it; undefined = automatic. */
export function methodOf(name: string | undefined): DriftMethod | undefined {
  if (name === undefined || name === 'auto') return undefined;
  return (name === 'chi2' ? 'chisquare' : name) as DriftMethod;
}

/**
 * The tests a column asks for, as the card spells them: its own `method` and `tests`, else the
 * drift section's, else the automatic choice. Both keys together run both: more tests can only
 * find more drift, never hide it.
 */
export function requestedTests(s: DriftSettings, name: string): (string | undefined)[] {
  for (const where of [obj(obj(s.drift, 'per_column'), name), s.drift]) {
    const method = str(where, 'method');
    const tests = [...(method !== undefined ? [method] : []), ...list(where, 'tests').filter((t): t is string => typeof t === 'string')];
    if (tests.length > 0) return tests;
  }
  return [undefined];
}

/** The test `method` names, or Evidently's automatic choice for these samples. */
export function chosenMethod(method: DriftMethod | undefined, inputs: DriftInputs): DriftMethod {
  if (method) return method;
  if (inputs.kind === 'numeric') return chooseDriftMethod('numeric', inputs.reference.length, distinctPooled(inputs.reference, inputs.current, 6));
  const r = inputs.reference.counts;
  const c = inputs.current.counts;
  let referenceSize = 0;
  for (const n of r.values()) referenceSize += n;
  return chooseDriftMethod('categorical', referenceSize, new Set([...r.keys(), ...c.keys()]).size);
}

/** Samples of one column ready for its tests: numeric samples share their sorted copies. */
export type ColumnSamples = Exclude<DriftInputs, { kind: 'numeric' }> | { kind: 'numeric'; pair: NumericPair; missing: [number, number] };

/** Runs the configured test on one column's samples, or says why it cannot. */
export function testColumn(s: DriftSettings, name: string, inputs: ColumnSamples, method: DriftMethod, several: boolean): { test: DriftTestResult; sizes: [number, number] } | string {
  const per = obj(obj(s.drift, 'per_column'), name);
  // With several tests one threshold would mix p-values and distances, so each keeps its default.
  const shared = several ? undefined : num(per, 'stattest_threshold');
  const threshold = shared ?? (method === 'psi' ? num(s.drift, 'psi_threshold') ?? 0.2 : several ? undefined : num(s.drift, 'stattest_threshold'));
  if (inputs.kind === 'numeric') {
    const { pair } = inputs;
    if (method === 'psi') {
      const test = pair.reference.length > 0 ? quantilePsi(pair.sortedReference(), pair.current, num(s.drift, 'psi_bins') ?? 10, threshold ?? 0.2) : undefined;
      return test ? { test, sizes: [pair.reference.length, pair.current.length] } : `the reference sample of ${name} has no finite values`;
    }
    return numericDrift(pair, method, threshold) ?? `the ${name} samples hold no finite values in the reference or the current slice`;
  }
  const column: DriftColumn = { name, kind: 'categorical', reference: inputs.reference, current: inputs.current };
  const res = columnDrift(column, { method, ...(threshold !== undefined ? { threshold } : {}) });
  return res.ok ? { test: res.test, sizes: [res.referenceSize, res.currentSize] } : res.reason;
}

/** True when a `stattest_threshold` would apply to this column: with several tests it cannot say which. */
export function thresholdSet(s: DriftSettings, name: string): boolean {
  return num(obj(obj(s.drift, 'per_column'), name), 'stattest_threshold') !== undefined || num(s.drift, 'stattest_threshold') !== undefined;
}
