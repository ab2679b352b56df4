// Cost-gate evidence: a 30-day ledger (steady-state categories, shared fixed infrastructure, one
// migration row) and daily successful outcomes (customers retained after an offer).
import type { DemoConfig } from './config';
import { Rng, isoDate, toCsv } from './rng';

const DAY = 86_400_000;

/** Ledger rows and the outcomes row of one day. */
function day(r: Rng, ms: number, recent: boolean, c: DemoConfig): { ledger: string[][]; outcome: string[] } {
  const date = isoDate(ms);
  const requests = Math.round(410_000 * (0.95 + 0.1 * r.next()));
  const successes = Math.round(requests * 0.0011 * (0.96 + 0.08 * r.next()));
  // In the blocked example larger instances serve the last fortnight: inference cost up 30 %.
  const inference = requests * 0.00012 * (c.faults.costBreach && recent ? 1.3 : 1);
  const ledger = [
    [date, 'inference', inference.toFixed(2), 'false'],
    // The shared feature-store cluster; 35 % of it is this service's (traffic_share).
    [date, 'infra', (220 * (0.98 + 0.04 * r.next())).toFixed(2), 'true'],
    [date, 'storage', (9 + r.next()).toFixed(2), 'false'],
    [date, 'human_ops', (28 + 4 * r.next()).toFixed(2), 'false'],
  ];
  // Weekly retraining on Mondays.
  if (new Date(ms).getUTCDay() === 1) ledger.push([date, 'retraining', (42 + 6 * r.next()).toFixed(2), 'false']);
  return { ledger, outcome: [date, String(successes), String(requests)] };
}

/** ledger.csv and outcomes.csv. */
export function costEvidence(c: DemoConfig): Map<string, string> {
  const r = new Rng(c.seed + 41);
  const end = Date.parse(`${c.ledgerEnd}T00:00:00Z`);
  const ledger: string[][] = [];
  const outcomes: string[][] = [];
  for (let d = c.ledgerDays - 1; d >= 0; d--) {
    const ms = end - d * DAY;
    const out = day(r, ms, d < 14, c);
    ledger.push(...out.ledger);
    outcomes.push(out.outcome);
    // The one-time migration to the new feature store, kept apart by the gate.
    if (d === 20) ledger.push([isoDate(ms), 'migration', '1850.00', 'false']);
  }
  return new Map([
    ['evidence/cost/ledger.csv', toCsv(['date', 'category', 'amount', 'fixed'], ledger)],
    ['evidence/cost/outcomes.csv', toCsv(['date', 'successful_outcomes', 'requests'], outcomes)],
  ]);
}
