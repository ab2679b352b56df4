/** Builders for readiness tests: the churn example card and records shaped like a run's. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';
import type { RecordGate, RunRecord } from '../../../server/src/records';

/** The churn example's card text. */
export const CHURN = readFileSync(resolve(__dirname, '../../../examples/churn/release-card.yaml'), 'utf8');

/** A parsed card from text. */
export function card(text: string = CHURN): Card {
  return new Card('release-card.yaml', parseCard(text));
}

/** A passing gate with the given check ids. */
export function passing(gate: string, ...ids: string[]): RecordGate {
  return { gate, status: 'pass', checks: (ids.length ? ids : ['x']).map((id) => ({ id, status: 'pass', message: 'ok', at: ['gates', gate] })) };
}

/** A record of the churn card where every gate passed. */
export function record(gates: RecordGate[] = allPassing()): RunRecord {
  return {
    schema_version: 1, release_id: 'ml-2026-11-26.1', card: 'release-card.yaml', fingerprint: 'sha256:x', status: 'pass',
    tool: { name: 'release-gates', version: 'test' }, started_at: '2026-11-26T10:00:00.000Z', finished_at: '2026-11-26T10:00:02.000Z',
    now: '2026-11-26T10:00:00.000Z', selected: gates.map((g) => g.gate), gates, deferred: [], evidence: [],
  };
}

/** All seven gates passing, with the check ids the readiness questions look for. */
export function allPassing(): RecordGate[] {
  return [
    passing('data'), passing('quality'), passing('robustness'), passing('performance'), passing('cost'),
    passing('observability', 'traces.complete_share'), passing('rollback', 'drill.rto', 'drill.age'),
  ];
}

/** The same run time the records use, so date-relative rules agree. */
export const NOW = new Date('2026-11-26T12:00:00Z');
