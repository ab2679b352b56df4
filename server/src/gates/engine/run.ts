/**
 * The gate engine: plans each selected gate (compute, asserted, deferred, missing), loads the
 * evidence the computed gates ask for, runs each gate guarded so that a bug in one gate becomes an
 * error check instead of a crash, and folds everything into one result bound to a bundle fingerprint.
 */
import type { Card } from '../../card/model';
import { computeFingerprint } from '../../card/fingerprint';
import { definitionChecks } from './definition';
import { type DeferredGate, type GatePlan, planGate } from './plan';
import { type EvidenceFileInfo, type FileProgress, hashRequestedFiles, loadPrometheusEvidence, loadRequests } from '../../evidence';
import type { PrometheusConfig } from '../../prometheus/client';
import { registeredGates } from './registry';
import {
  type CheckResult, type EvidenceRequest, foldStatus, GATE_IDS, type GateDefinition, type GateId, type GateResult,
  type GateStatus, type LoadedEvidence,
} from './types';

/** Progress of a run: a gate starting or finishing, or a large evidence file being read. */
export type RunProgress =
  | { kind: 'gate'; gate: GateId; phase: 'start' }
  | { kind: 'gate'; gate: GateId; phase: 'done'; status: GateStatus }
  | ({ kind: 'file' } & FileProgress);

/** Options of `runGates`. */
export interface RunOptions {
  /** Project root: no evidence outside it is read. */
  root: string;
  /** Path of the card file; evidence paths are relative to its folder. */
  cardFile: string;
  /** Gates to run (default: all seven). */
  gates?: readonly GateId[];
  /** The run's "now" (freshness, deferral deadlines); default the current time. */
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Where stacks of gate bugs go; default `console.error`. */
  log?: (message: string) => void;
  /** Gate implementations to use instead of the registry (tests inject failing gates this way). */
  registry?: readonly GateDefinition[];
  /** The user-configured Prometheus server (flag, environment, setting; never the card). */
  prometheus?: PrometheusConfig;
}

/** The outcome of a run. */
export interface RunResult {
  releaseId: string;
  /** pass only when every selected, non-deferred gate passed. */
  status: GateStatus;
  /** sha256 of the bundle (see docs/run-records.md). */
  fingerprint: string;
  gates: GateResult[];
  deferred: DeferredGate[];
  /** Every evidence file the card's defined gates name, hashed (loaded only for selected gates). */
  evidence: EvidenceFileInfo[];
  /** The gates this run was asked for. */
  selected: GateId[];
  startedAt: string;
  finishedAt: string;
  now: string;
  /** True when the signal aborted the run; a cancelled run should not be recorded. */
  cancelled: boolean;
}

/** Evidence requests of one gate definition; a throwing `evidence()` is a bug reported as a problem. */
function requestsOf(gate: GateDefinition, definition: Record<string, unknown>, base: readonly (string | number)[]): { requests: EvidenceRequest[]; error?: unknown } {
  try {
    return { requests: gate.evidence(definition, base) };
  } catch (error) {
    return { requests: [], error };
  }
}

/** Every evidence request of every defined, implemented gate: what the fingerprint hashes. */
export function bundleEvidenceRequests(card: Card, registry: readonly GateDefinition[] = registeredGates()): EvidenceRequest[] {
  const out: EvidenceRequest[] = [];
  const gates = card.object(['gates']) ?? {};
  for (const gate of registry) {
    const def = gates[gate.id];
    if (def === null || typeof def !== 'object' || Array.isArray(def)) continue;
    out.push(...requestsOf(gate, def as Record<string, unknown>, ['gates', gate.id]).requests);
  }
  return out;
}

/** An error check for a bug inside a gate, with the stack sent to the log. */
function bugCheck(gate: GateId, phase: string, error: unknown, log: (m: string) => void): CheckResult {
  const err = error instanceof Error ? error : new Error(String(error));
  log(`release-gates: bug in the ${gate} gate while ${phase}: ${err.stack ?? err.message}`);
  return {
    id: 'internal_error', status: 'error', at: ['gates', gate],
    message: `The ${gate} gate failed unexpectedly while ${phase} (${err.message}). This is a bug in Release Gates, not in your evidence; the gate has no result, which blocks the release. Please report it with the log.`,
  };
}

/** Runs one planned gate's computation, guarded. */
async function computeGate(plan: Extract<GatePlan, { kind: 'compute' }>, card: Card, evidence: ReadonlyMap<string, LoadedEvidence>, opts: RunOptions, now: Date): Promise<GateResult> {
  const started = Date.now();
  const log = opts.log ?? ((m: string) => console.error(m));
  let checks: CheckResult[];
  try {
    const out = await plan.gate.compute({ card, definition: plan.definition, base: plan.base, evidence, now, ...(opts.signal ? { signal: opts.signal } : {}) });
    checks = Array.isArray(out) ? out : [bugCheck(plan.gate.id, 'computing', new TypeError('compute() did not return a list of checks'), log)];
  } catch (error) {
    checks = [bugCheck(plan.gate.id, 'computing', error, log)];
  }
  checks = [...checks, ...definitionChecks(card, plan.base)];
  if (checks.length === 0) {
    checks = [{ id: 'no_checks', status: 'error', at: plan.base, message: `The ${plan.gate.id} gate definition sets no threshold, so nothing was checked. A gate with nothing checked cannot pass; add thresholds.` }];
  }
  return { gate: plan.gate.id, status: foldStatus(checks), checks, durationMs: Date.now() - started };
}

/** The result of a gate not run because the run was cancelled. */
function cancelledGate(id: GateId): GateResult {
  return { gate: id, status: 'error', checks: [{ id: 'cancelled', status: 'error', at: ['gates', id], message: 'The run was cancelled before this gate finished, so it has no result. Run it again.' }] };
}

/** Folds gate statuses into the run status; an empty set (everything deferred) passes. */
function runStatus(gates: readonly GateResult[]): GateStatus {
  return gates.length === 0 ? 'pass' : foldStatus(gates);
}

/** Runs the selected gates of a card against its evidence. */
export async function runGates(card: Card, opts: RunOptions): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const now = opts.now ?? new Date();
  const selected = GATE_IDS.filter((id) => !opts.gates || opts.gates.includes(id));
  const lookup = opts.registry ? (id: GateId) => opts.registry?.find((g) => g.id === id) : undefined;
  const plans = selected.map((id) => ({ id, plan: planGate(card, id, now, lookup) }));
  const loader = { root: opts.root, cardFile: opts.cardFile, ...(opts.signal ? { signal: opts.signal } : {}), onProgress: (p: FileProgress) => opts.onProgress?.({ kind: 'file', ...p }) };
  const log = opts.log ?? ((m: string) => console.error(m));
  const gates: GateResult[] = [];
  const deferred: DeferredGate[] = [];
  const hashed: EvidenceFileInfo[] = [];
  let cancelled = false;
  for (const { id, plan } of plans) {
    if (opts.signal?.aborted) cancelled = true;
    if (cancelled) {
      gates.push(cancelledGate(id));
      continue;
    }
    if (plan.kind === 'deferred') {
      deferred.push(plan.deferred);
      continue;
    }
    opts.onProgress?.({ kind: 'gate', gate: id, phase: 'start' });
    const result = plan.kind === 'result' ? plan.result : await loadAndCompute(plan, card, opts, loader, now, log, hashed);
    if (opts.signal?.aborted) cancelled = true;
    gates.push(cancelled ? cancelledGate(id) : result);
    opts.onProgress?.({ kind: 'gate', gate: id, phase: 'done', status: result.status });
  }
  const evidence = await hashRequestedFiles(bundleEvidenceRequests(card, opts.registry), { root: opts.root, cardFile: opts.cardFile }, hashed);
  return {
    releaseId: String(card.get(['release_id']) ?? ''), status: cancelled ? 'error' : runStatus(gates),
    fingerprint: computeFingerprint(card, evidence), gates, deferred, evidence, selected: [...selected],
    startedAt, finishedAt: new Date().toISOString(), now: now.toISOString(), cancelled,
  };
}

/** Loads one gate's evidence and computes it. */
async function loadAndCompute(
  plan: Extract<GatePlan, { kind: 'compute' }>, card: Card, opts: RunOptions,
  loader: Parameters<typeof loadRequests>[1], now: Date, log: (m: string) => void, hashed: EvidenceFileInfo[],
): Promise<GateResult> {
  const { requests, error } = requestsOf(plan.gate, plan.definition, plan.base);
  if (error !== undefined) return { gate: plan.gate.id, status: 'error', checks: [bugCheck(plan.gate.id, 'listing its evidence', error, log)] };
  const { results, files } = await loadRequests(requests, loader);
  hashed.push(...files);
  const evidence = new Map<string, LoadedEvidence>();
  for (const r of results) evidence.set(r.request.key, r);
  const prom = plan.gate.prometheus?.(plan.definition, plan.base);
  if (prom) for (const r of await loadPrometheusEvidence(prom, opts.prometheus, opts.signal)) evidence.set(r.request.key, r);
  return computeGate(plan, card, evidence, opts, now);
}
