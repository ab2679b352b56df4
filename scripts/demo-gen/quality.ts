// Quality-gate evidence: the same labelled customers scored by the candidate and by production.
// A latent churn probability drives the label; the candidate sees it with less noise than the
// production model, so it is better and both are reasonably calibrated.
import type { DemoConfig } from './config';
import { Rng, toCsv } from './rng';

const HEADER = ['customer_id', 'churned_90d', 'candidate_score', 'baseline_score', 'tenure_bucket', 'contract_type', 'is_senior'];

/** Logistic function. */
function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

const LATENT_SD = 1.3;

/**
 * A calibrated model score: the model knows the structured part of the logit and sees the
 * individual part `u` ~ N(0, 1.3²) through noise. Its score is the posterior mean churn
 * probability, sigmoid(m / sqrt(1 + π·v/8)) by the probit approximation, so it stays calibrated.
 */
function score(r: Rng, structured: number, u: number, noise: number): number {
  const k = (LATENT_SD * LATENT_SD) / (LATENT_SD * LATENT_SD + noise * noise);
  const v = k * noise * noise;
  const m = structured + k * (u + r.normal(0, noise));
  return sigmoid(m / Math.sqrt(1 + (Math.PI / 8) * v));
}

/** One labelled, doubly scored row. */
function row(r: Rng, i: number, c: DemoConfig): string[] {
  const bucket = r.pick(['0-6m', '6-24m', '24m+'], [0.18, 0.32, 0.5]);
  const contract = r.pick(['month_to_month', 'one_year', 'two_year'], bucket === '0-6m' ? [0.8, 0.15, 0.05] : [0.5, 0.27, 0.23]);
  const senior = r.chance(0.16);
  const structured = -2.1 + (bucket === '0-6m' ? 0.9 : bucket === '6-24m' ? 0.3 : -0.3) + (contract === 'month_to_month' ? 0.8 : contract === 'one_year' ? -0.3 : -0.9) + (senior ? 0.3 : 0);
  const u = r.normal(0, LATENT_SD);
  const label = r.chance(sigmoid(structured + u)) ? '1' : '0';
  // The blocked example's candidate wins overall but sees new customers through a broken tenure
  // feature (much noisier than production): the slice regression the aggregate hides.
  const broken = c.faults.sliceRegression && bucket === '0-6m';
  const cand = score(r, structured, u, broken ? 0.95 : 0.05);
  const base = score(r, structured, u, 0.75);
  return [`C${String(500000 + i)}`, label, cand.toFixed(4), base.toFixed(4), bucket, contract, senior ? 'true' : 'false'];
}

/** predictions.csv. */
export function qualityEvidence(c: DemoConfig): Map<string, string> {
  const r = new Rng(c.seed + 21);
  const rows = Array.from({ length: c.predictionRows }, (_, i) => row(r, i, c));
  return new Map([['evidence/quality/predictions.csv', toCsv(HEADER, rows)]]);
}
