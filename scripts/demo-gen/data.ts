// Data-gate evidence: reference (training window) and current (last week's scoring inputs)
// customer rows with the same distributions, plus the freshness report.
import type { DemoConfig } from './config';
import { Rng, isoSeconds, toCsv } from './rng';

const HEADER = ['customer_id', 'tenure_months', 'monthly_charges', 'total_charges', 'contract_type', 'payment_method', 'support_tickets_90d', 'is_senior', 'region', 'last_login_at'];
const HOUR = 3_600_000;

/** One customer row as CSV cells. */
function customer(r: Rng, id: string, loginBefore: number, chargeShift: number): string[] {
  const isNew = r.chance(0.2);
  // Up to six years; a long exponential tail would put IQR outliers over the card's 1 % limit.
  const tenure = isNew ? r.int(0, 6) : r.int(7, 72);
  const monthly = Math.min(150, Math.max(18, r.normal(70, 25))) * chargeShift;
  // Brand-new customers have no billing history yet; about 1 % of rows.
  const total = tenure === 0 && r.chance(0.35) ? '' : (monthly * Math.max(tenure, 1) * (0.95 + 0.1 * r.next())).toFixed(2);
  const contract = r.pick(['month_to_month', 'one_year', 'two_year'], isNew ? [0.8, 0.15, 0.05] : [0.5, 0.27, 0.23]);
  const payment = r.pick(['card', 'bank_transfer', 'invoice', 'wallet'], [0.4, 0.3, 0.2, 0.1]);
  // Mostly Poisson(1.2), with a 0.5 % heavy tail of customers who open many tickets.
  const tickets = r.chance(0.005) ? r.int(6, 40) : r.poisson(1.2);
  const senior = r.chance(0.16) ? 'true' : 'false';
  const region = r.pick(['north', 'south', 'east', 'west'], [0.3, 0.25, 0.25, 0.2]);
  const login = isoSeconds(loginBefore - r.exponential(72) * HOUR);
  return [id, String(tenure), monthly.toFixed(2), total, contract, payment, String(tickets), senior, region, login];
}

/** reference.csv, current.csv and freshness.csv. */
export function dataEvidence(c: DemoConfig): Map<string, string> {
  const asOf = Date.parse(c.asOf);
  const trainingEnd = Date.parse('2026-11-15T00:00:00Z');
  const ref = new Rng(c.seed + 11);
  const cur = new Rng(c.seed + 12);
  const refRows = Array.from({ length: c.dataRows }, (_, i) => customer(ref, `C${String(100000 + i)}`, trainingEnd, 1));
  const curRows = Array.from({ length: c.dataRows }, (_, i) => customer(cur, `C${String(300000 + i)}`, asOf - 0.2 * HOUR, c.faults.drift ? 1.35 : 1));
  const freshness = toCsv(['source', 'last_updated', 'checked_at'], [
    ['warehouse.billing_daily', isoSeconds(asOf - 5.5 * HOUR), isoSeconds(asOf)],
    ['support.tickets_stream', isoSeconds(asOf - 0.25 * HOUR), isoSeconds(asOf)],
  ]);
  return new Map([
    ['evidence/data/reference.csv', toCsv(HEADER, refRows)],
    ['evidence/data/current.csv', toCsv(HEADER, curRows)],
    ['evidence/data/freshness.csv', freshness],
  ]);
}
