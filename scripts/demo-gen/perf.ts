// Performance-gate evidence: per-request samples of a load test at the target traffic shape.
import type { DemoConfig } from './config';
import { Rng, iso, toCsv } from './rng';

const HEADER = ['request_id', 'timestamp', 'latency_ms', 'status', 'timed_out', 'cold_start'];
const TIMEOUT_MS = 600;

/** One request: warm or cold, maybe slow, maybe failed. */
function request(r: Rng, i: number, start: number, c: DemoConfig): string[] {
  const gap = 1000 / c.rps;
  // Evenly offered load with sub-interval jitter, so the span is (rows − 1) / rps seconds.
  const ts = start + i * gap + Math.floor(r.next() * gap);
  const cold = r.chance(0.005);
  let latency = cold ? r.lognormal(700, 0.3) : r.lognormal(120, 0.4);
  // In the blocked example a slow feature store adds a long tail to 2.5 % of warm requests.
  if (!cold && c.faults.slowP99 && r.chance(0.025)) latency += r.lognormal(900, 0.25);
  const timedOut = !cold && r.chance(0.0003);
  if (timedOut) latency = TIMEOUT_MS + r.next() * 5;
  const status = timedOut ? '504' : r.chance(0.002) ? '503' : '200';
  return [`r${String(i + 1).padStart(6, '0')}`, iso(ts), latency.toFixed(2), status, timedOut ? 'true' : 'false', cold ? 'true' : 'false'];
}

/** requests.csv. */
export function perfEvidence(c: DemoConfig): Map<string, string> {
  const r = new Rng(c.seed + 31);
  const start = Date.parse('2026-11-25T14:00:00.000Z');
  const rows = Array.from({ length: c.requestRows }, (_, i) => request(r, i, start, c));
  return new Map([['evidence/perf/requests.csv', toCsv(HEADER, rows)]]);
}
