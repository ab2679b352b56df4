/**
 * The run record: what a run found, bound to the bundle fingerprint, in the JSON shape of
 * `schemas/run-record.schema.json`. Building it is pure; writing and reading live in `io.ts`.
 */
import * as path from 'node:path';
import type { Card } from '../card/model';
import type { DeferredGate } from '../gates/engine/plan';
import type { RunResult } from '../gates/engine/run';
import type { ChartData } from '../gates/engine/chart-data';
import type { CheckResult, CheckValue, GateResult, GateStatus } from '../gates/engine/types';
import type { Comparison } from '../format';
import { TOOL } from '../version';
import { recordModelAliases, type RecordModelAlias } from './aliases';

/** Version of the record format; bumped on any incompatible change. */
export const RECORD_SCHEMA_VERSION = 1;

/** One check in a record (snake_case, as the file format). */
export interface RecordCheck {
  id: string;
  status: GateStatus;
  observed?: CheckValue;
  threshold?: CheckValue;
  unit?: string;
  sample_size?: number;
  message: string;
  /** Card path of the deciding threshold; lines are not stored because the card may be edited. */
  at: (string | number)[];
  evidence?: { file: string; line?: number; row?: number; column?: string };
  details?: Record<string, CheckValue>;
  /** The check's name as the card spells it (suite, slice and alert names). */
  label?: string;
  /** The relation a pass requires (`at_most`: observed ≤ threshold). */
  comparison?: Comparison;
  /** The decisive fact in a few words. */
  summary?: string;
  /** The few numbers of the check's chart in the gate report (see docs/run-records.md for the sizes). */
  chart?: ChartData;
}

/** One gate in a record. */
export interface RecordGate {
  gate: string;
  status: GateStatus;
  asserted?: boolean;
  duration_ms?: number;
  checks: RecordCheck[];
}

/**
 * A failed check with the card's value of its threshold at the time. Kept from run to run of the
 * same release, so that loosening that value afterwards stays visible even once a run passes.
 */
export interface RecordFailure {
  check: string;
  at: (string | number)[];
  card_value: number;
  threshold: number;
  observed: number;
  failed_at: string;
}

/** Most failures a record keeps (the earliest of each distinct failure win; a bound for the file's size). */
export const MAX_RECORD_FAILURES = 200;

/** An error-level finding about the card itself, located as the card was at the run (1-based). */
export interface RecordFinding {
  code: string;
  message: string;
  line: number;
  column: number;
}

/** What in the card itself blocked the release at this run (absent when nothing did). */
export interface RecordBlocked {
  /** True when the card did not match the schema, so no gate was computed. */
  schema_invalid: boolean;
  /** The schema errors, then the error-level rule findings still open (suppressions applied). */
  findings: RecordFinding[];
}

/** The verdict a record stores: its status, and the card's own blockers when there were any. */
export interface RecordVerdict {
  status: GateStatus;
  blocked?: RecordBlocked;
}

/** A run record as stored next to the card. */
export interface RunRecord {
  schema_version: number;
  release_id: string;
  /** The card file, relative to the record's folder. */
  card: string;
  fingerprint: string;
  /** pass only when the release may take traffic: schema-valid card, no open rule error, every selected gate passed. */
  status: GateStatus;
  /** Present when the card itself blocked the release (records written before it never have it). */
  blocked?: RecordBlocked;
  tool: { name: string; version: string };
  started_at: string;
  finished_at: string;
  now: string;
  /** Gates this run was asked for; a partial run (`--gate`) lists fewer than seven. */
  selected: string[];
  gates: RecordGate[];
  deferred: { gate: string; owner: string; deadline: string; reason?: string }[];
  evidence: { path: string; sha256: string | null; bytes: number | null }[];
  /** Failures of this release so far (absent when there were none). */
  failures?: RecordFailure[];
  /** The bundle's model references by MLflow alias and the version each stood for (absent when there are none). */
  model_aliases?: RecordModelAlias[];
}

/** JSON cannot hold NaN or infinities; a value that was not measurable is stored as null. */
function jsonValue(v: CheckValue | undefined): CheckValue | undefined {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

/** A check in record form. */
function recordCheck(c: CheckResult): RecordCheck {
  const out: RecordCheck = { id: c.id, status: c.status, message: c.message, at: [...c.at] };
  if (c.observed !== undefined) out.observed = jsonValue(c.observed);
  if (c.threshold !== undefined) out.threshold = jsonValue(c.threshold);
  if (c.unit !== undefined) out.unit = c.unit;
  if (c.sampleSize !== undefined) out.sample_size = c.sampleSize;
  if (c.evidence) {
    const { file, line, row, column } = c.evidence;
    out.evidence = { file, ...(line !== undefined ? { line } : {}), ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}) };
  }
  if (c.details) out.details = Object.fromEntries(Object.entries(c.details).map(([k, v]) => [k, jsonValue(v) ?? null]));
  if (c.label !== undefined) out.label = c.label;
  if (c.comparison !== undefined) out.comparison = c.comparison;
  if (c.summary !== undefined) out.summary = c.summary;
  if (c.chart !== undefined) out.chart = c.chart;
  return out;
}

/** A gate in record form. */
function recordGate(g: GateResult): RecordGate {
  return {
    gate: g.gate, status: g.status, checks: g.checks.map(recordCheck),
    ...(g.asserted ? { asserted: true } : {}), ...(g.durationMs !== undefined ? { duration_ms: Math.round(g.durationMs) } : {}),
  };
}

/** A deferral in record form. */
function recordDeferral(d: DeferredGate): RunRecord['deferred'][number] {
  return { gate: d.gate, owner: d.owner, deadline: d.deadline, ...(d.reason !== undefined ? { reason: d.reason } : {}) };
}

/**
 * The failures to keep: the previous record's (same release only), then this run's failed checks
 * whose threshold is a number written in the card. A failure seen before keeps its first date.
 */
function failuresOf(result: RunResult, card: Card | undefined, previous: RunRecord | undefined): RecordFailure[] {
  const out: RecordFailure[] = previous?.release_id === result.releaseId ? [...(previous.failures ?? [])] : [];
  const seen = new Set(out.map(failureKey));
  for (const g of result.gates) {
    for (const c of g.checks) {
      const cardValue = card?.get(c.at);
      if (c.status !== 'fail' || typeof c.observed !== 'number' || typeof c.threshold !== 'number' || typeof cardValue !== 'number') continue;
      if (!Number.isFinite(c.observed) || !Number.isFinite(c.threshold) || !Number.isFinite(cardValue)) continue;
      const f: RecordFailure = { check: c.id, at: [...c.at], card_value: cardValue, threshold: c.threshold, observed: c.observed, failed_at: result.finishedAt };
      if (seen.has(failureKey(f))) continue;
      seen.add(failureKey(f));
      out.push(f);
    }
  }
  return out.slice(0, MAX_RECORD_FAILURES);
}

/** Identity of a failure: the same check failing against the same card value. */
function failureKey(f: RecordFailure): string {
  return `${f.check}\u0000${JSON.stringify(f.at)}\u0000${f.card_value}`;
}

/** The card and previous record that let a record carry the release's failure history. */
export interface RecordHistory {
  card: Card;
  previous?: RunRecord;
}

/**
 * Builds the record of a run of `cardFile`. `verdict` is the release's verdict (card and gates
 * together); without it the record holds the gates' status alone.
 */
export function buildRecord(result: RunResult, cardFile: string, history?: RecordHistory, verdict?: RecordVerdict): RunRecord {
  const failures = failuresOf(result, history?.card, history?.previous);
  const aliases = history ? recordModelAliases(history.card) : [];
  return {
    schema_version: RECORD_SCHEMA_VERSION,
    release_id: result.releaseId,
    card: path.basename(cardFile),
    fingerprint: result.fingerprint,
    status: verdict?.status ?? result.status,
    ...(verdict?.blocked ? { blocked: verdict.blocked } : {}),
    tool: { name: TOOL.name, version: TOOL.version },
    started_at: result.startedAt,
    finished_at: result.finishedAt,
    now: result.now,
    selected: [...result.selected],
    gates: result.gates.map(recordGate),
    deferred: result.deferred.map(recordDeferral),
    evidence: result.evidence.map((e) => ({ path: e.path, sha256: e.sha256, bytes: e.bytes })),
    ...(failures.length > 0 ? { failures } : {}),
    ...(aliases.length > 0 ? { model_aliases: aliases } : {}),
  };
}

/** The record file of a card: `<card name without .yaml/.yml>.run.json` in the card's folder. */
export function recordPathFor(cardFile: string): string {
  const dir = path.dirname(cardFile);
  const base = path.basename(cardFile).replace(/\.ya?ml$/i, '');
  return path.join(dir, `${base}.run.json`);
}
