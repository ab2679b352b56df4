/**
 * The contract between the gate engine and each gate. A gate declares the evidence it needs from
 * its card definition, then computes checks from already-loaded evidence: no I/O inside a gate, so
 * every gate is a pure function of the card, the evidence and the clock.
 */
import type { Card, CardPath } from '../../card/model';
import type { EvidenceProblem, EvidenceRequest, LoadedEvidence, PrometheusRequest } from '../../evidence';
import type { Comparison } from '../../format';
import type { ChartData } from './chart-data';

/** Evidence requests and loaded evidence are declared by the evidence layer; gates use them through here. */
export type { EvidenceRequest, LoadedEvidence };

/** The seven gates, in the order the card and every report list them. */
export const GATE_IDS = ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'] as const;

/** One of the seven gate ids. */
export type GateId = (typeof GATE_IDS)[number];

/** A binary verdict, plus error for "could not decide" (which blocks exactly like fail). */
export type GateStatus = 'pass' | 'fail' | 'error';

/** A value a check observed or compared against. */
export type CheckValue = number | string | boolean | null;

/** The result of one check of a gate. */
export interface CheckResult {
  /** Stable id within the gate, e.g. `p99_latency_ms` or `drift.tenure_months`. */
  id: string;
  status: GateStatus;
  /** What was measured (undefined when nothing could be measured). */
  observed?: CheckValue;
  /** The threshold it was compared against. */
  threshold?: CheckValue;
  /** Unit of observed and threshold, e.g. `ms`, `share`, `USD per useful outcome`. */
  unit?: string;
  /** How many rows, requests or cases the observation rests on. */
  sampleSize?: number;
  /** What was found, why it matters for the release, and what to do when it is not a pass. */
  message: string;
  /** Card path of the threshold (or definition) that decided the check. */
  at: CardPath;
  /** Evidence location when the check is about a place in an evidence file. */
  evidence?: EvidenceProblem | { file: string; line?: number; row?: number; column?: string };
  /** Extra numbers worth recording (interval ends, per-slice values, p-values). */
  details?: Record<string, CheckValue>;
  /** The check's name as the card spells it, when the id lost it (suite, slice and alert names). */
  label?: string;
  /** The relation a pass requires, observed against threshold (`at_most`: observed ≤ threshold). */
  comparison?: Comparison;
  /** The decisive fact in a few words, when observed, threshold and comparison cannot say it. */
  summary?: string;
  /** A few numbers for the check's chart in the gate report (never the samples). */
  chart?: ChartData;
}

/** Everything a gate may look at while computing. */
export interface GateContext {
  card: Card;
  /** The gate's definition object from the card (`gates.<id>`). */
  definition: Record<string, unknown>;
  /** Card path of the definition, e.g. `['gates', 'performance']`. */
  base: CardPath;
  /** Loaded evidence by request key. */
  evidence: ReadonlyMap<string, LoadedEvidence>;
  /** The time the run treats as "now" (recorded in the run record). */
  now: Date;
  /** Cancellation: gates with long loops check it between steps. */
  signal?: AbortSignal;
}

/** One gate, packaged: its id, its evidence, its computation. */
export interface GateDefinition {
  id: GateId;
  title: string;
  /** One line: what the gate protects the release from. */
  summary: string;
  /** The evidence this definition needs (may be empty). */
  evidence(definition: Record<string, unknown>, base: CardPath): EvidenceRequest[];
  /** Queries this definition wants from the user-configured Prometheus, if any (run by the evidence layer). */
  prometheus?(definition: Record<string, unknown>, base: CardPath): PrometheusRequest | undefined;
  /** Computes every check; must not throw on bad evidence (return error checks instead). */
  compute(ctx: GateContext): CheckResult[] | Promise<CheckResult[]>;
}

/** The result of one gate in a run. */
export interface GateResult {
  gate: GateId;
  status: GateStatus;
  checks: CheckResult[];
  /** True when the card only asserted a status (`data_gate: pass`) and nothing was computed. */
  asserted?: boolean;
  durationMs?: number;
}

/** Folds check statuses into the gate status: any error → error, else any fail → fail, else pass; no checks → error. */
export function foldStatus(checks: readonly { status: GateStatus }[]): GateStatus {
  if (checks.length === 0) return 'error';
  if (checks.some((c) => c.status === 'error')) return 'error';
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  return 'pass';
}
