/**
 * The data gate: the current input slice is schema-compatible (required columns, types), fresh
 * against each source's SLA, valid (nulls, ranges, enums, outliers), and has not drifted from the
 * reference beyond the card's rules. Inconsistent or stale input blocks the release.
 */
import type { CardPath } from '../../card/model';
import { getColumn, type Table } from '../../evidence';
import { definitionError, evidenceError, minSamples, num, obj, str } from '../engine/checks';
import { loadedTable, loadedValue } from '../engine/loaded-evidence';
import { driftChecks } from './drift';
import { freshnessChecks, freshnessRequests } from './freshness';
import { type FieldSpec, fieldsSpecs, mergeSpecs, schemaSpecs } from './spec';
import { emptyColumnChecks, enumCheck, nullCheck, outlierCheck, rangeCheck, schemaCheck } from './validity';
import type { CheckResult, EvidenceRequest, GateContext, GateDefinition } from '../engine/types';

/** Current and reference data (types detected, so the schema check can report mismatches), input schema, freshness reports. */
function evidence(def: Record<string, unknown>, base: CardPath): EvidenceRequest[] {
  const out: EvidenceRequest[] = [];
  const current = str(def, 'current');
  const reference = str(def, 'reference');
  const schema = str(def, 'input_schema');
  if (current !== undefined) out.push({ key: 'current', path: current, at: [...base, 'current'], kind: 'table' });
  if (reference !== undefined) out.push({ key: 'reference', path: reference, at: [...base, 'reference'], kind: 'table' });
  if (schema !== undefined) out.push({ key: 'input_schema', path: schema, at: [...base, 'input_schema'], kind: 'document' });
  return [...out, ...freshnessRequests(def, base)];
}

/** The merged column specs, or an error check when the input schema cannot be used. */
function specs(ctx: GateContext): { specs: FieldSpec[]; error?: CheckResult } {
  const fields = fieldsSpecs(obj(ctx.definition, 'fields'), ctx.base);
  if (str(ctx.definition, 'input_schema') === undefined) return { specs: fields };
  const at: CardPath = [...ctx.base, 'input_schema'];
  const ev = loadedValue(ctx, 'input_schema', (v): v is { data?: unknown } => typeof v === 'object' && v !== null, 'a document');
  if (!ev.ok) return { specs: fields, error: evidenceError('input_schema', at, ev, 'the input schema check') };
  const fromSchema = schemaSpecs(ev.value.data, at);
  if (typeof fromSchema === 'string') return { specs: fields, error: definitionError('input_schema', at, `${String(ctx.definition.input_schema)}: ${fromSchema}, so the input cannot be checked against it. Point input_schema at a JSON Schema of the input columns.`) };
  return { specs: mergeSpecs(fields, fromSchema) };
}

/** Schema and validity checks of every specified column of the current slice. */
function columnChecks(current: Table, all: readonly FieldSpec[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const spec of all) {
    const schema = schemaCheck(current, spec);
    if (schema) out.push(schema);
    const col = getColumn(current, spec.name);
    if (!col || schema?.status === 'fail') continue;
    const nulls = nullCheck(current, col, spec);
    if (nulls) out.push(nulls);
    if (col.nullCount === current.rowCount) {
      out.push(...emptyColumnChecks(current, col, spec));
      continue;
    }
    for (const check of [rangeCheck, enumCheck, outlierCheck]) {
      const c = check(current, col, spec);
      if (c) out.push(c);
    }
  }
  return out;
}

/** Minimum-row checks of both files; an empty current slice is an error even when min_rows is not set. */
function rowChecks(ctx: GateContext, current: Table, reference: Table | undefined): CheckResult[] {
  const min = num(ctx.definition, 'min_rows');
  if (min === undefined) {
    return current.rowCount > 0 ? [] : [definitionError('current', [...ctx.base, 'current'], `${current.file} has no data rows, so no check of the data gate can look at anything and every share would be 0 of 0. Point current at the input slice, or fix its export.`, 0)];
  }
  const at: CardPath = [...ctx.base, 'min_rows'];
  const out = [minSamples('min_rows.current', at, current.rowCount, min, `Current slice ${current.file}`)];
  if (reference) out.push(minSamples('min_rows.reference', at, reference.rowCount, min, `Reference ${reference.file}`));
  return out;
}

/** Drift checks, or errors saying what is missing for them. */
function driftPart(ctx: GateContext, current: Table, all: readonly FieldSpec[]): CheckResult[] {
  const drift = obj(ctx.definition, 'drift');
  const hasRef = str(ctx.definition, 'reference') !== undefined;
  if (!hasRef) {
    return drift ? [definitionError('drift', [...ctx.base, 'drift'], 'Drift is configured but the data gate names no reference, so there is nothing to compare against. Add reference: with data from the training window.')] : [];
  }
  const ref = loadedTable(ctx, 'reference');
  if (!ref.ok) return [evidenceError('drift.dataset', [...ctx.base, 'reference'], ref, 'drift (from the reference data)')];
  return driftChecks(drift ?? {}, ctx.base, ref.table, current, all);
}

/** Computes every check of the data gate. */
function compute(ctx: GateContext): CheckResult[] {
  const cur = loadedTable(ctx, 'current');
  if (!cur.ok) {
    return [evidenceError('current', [...ctx.base, 'current'], cur, 'the data gate (from the current input slice)'), ...freshnessChecks(ctx, undefined)];
  }
  const ref = loadedTable(ctx, 'reference');
  const { specs: all, error } = specs(ctx);
  return [
    ...rowChecks(ctx, cur.table, ref.ok ? ref.table : undefined),
    ...(error ? [error] : []),
    ...columnChecks(cur.table, all),
    ...freshnessChecks(ctx, cur.table),
    ...driftPart(ctx, cur.table, all),
  ];
}

/** The data gate definition. */
export const dataGate: GateDefinition = {
  id: 'data',
  title: 'Data gate',
  summary: 'Blocks a release whose input is schema-incompatible, stale, invalid or drifted from the reference.',
  evidence,
  compute,
};
