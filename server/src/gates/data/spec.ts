/**
 * The data gate's column specification: the card's `fields` merged with the input schema (a JSON
 * Schema document with `properties` and `required`). `fields` wins where both describe a column,
 * because it is the more specific statement in the card itself.
 */
import type { CardPath } from '../../card/model';
import type { ColumnType } from '../../evidence';
import { num } from '../engine/checks';

/** What the card expects of one input column. */
export interface FieldSpec {
  name: string;
  type?: ColumnType;
  required: boolean;
  nullable: boolean;
  maxNullShare?: number;
  min?: number;
  max?: number;
  enum?: readonly unknown[];
  maxOutlierShare?: number;
  iqrFactor: number;
  /** Card path of the field's spec (`fields.<name>`) or of `input_schema`. */
  at: CardPath;
  /** True when only the input schema describes the column. */
  fromSchema: boolean;
}

/** Specs from the card's `fields` map. */
export function fieldsSpecs(fields: Record<string, unknown> | undefined, base: CardPath): FieldSpec[] {
  if (!fields) return [];
  return Object.entries(fields).map(([name, raw]) => {
    const f = (raw ?? {}) as Record<string, unknown>;
    const spec: FieldSpec = {
      name, required: f.required !== false, nullable: f.nullable !== false, iqrFactor: num(f, 'outlier_iqr_factor') ?? 1.5,
      at: [...base, 'fields', name], fromSchema: false,
    };
    if (typeof f.type === 'string') spec.type = f.type as ColumnType;
    copyNumber(f, 'max_null_share', spec, 'maxNullShare');
    copyNumber(f, 'min', spec, 'min');
    copyNumber(f, 'max', spec, 'max');
    copyNumber(f, 'max_outlier_share', spec, 'maxOutlierShare');
    if (Array.isArray(f.enum)) spec.enum = f.enum;
    return spec;
  });
}

/** Copies a number property when present. */
function copyNumber(from: Record<string, unknown>, key: string, to: FieldSpec, field: 'maxNullShare' | 'min' | 'max' | 'maxOutlierShare'): void {
  const v = num(from, key);
  if (v !== undefined) to[field] = v;
}

/** Maps one JSON Schema property to a column type and nullability. */
function schemaType(prop: Record<string, unknown>): { type?: ColumnType; nullable: boolean } {
  const types = (Array.isArray(prop.type) ? prop.type : [prop.type]).filter((t): t is string => typeof t === 'string');
  const nullable = types.includes('null');
  const t = types.find((x) => x !== 'null');
  if (t === 'number' || t === 'integer') return { type: 'numeric', nullable };
  if (t === 'boolean') return { type: 'boolean', nullable };
  if (t === 'string') return { type: prop.format === 'date-time' || prop.format === 'date' ? 'timestamp' : 'categorical', nullable };
  return { nullable };
}

/** Specs from an input JSON Schema document (`properties`, `required`), or a message when it has none. */
export function schemaSpecs(doc: unknown, at: CardPath): FieldSpec[] | string {
  const d = (doc ?? {}) as Record<string, unknown>;
  const props = d.properties;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return 'the input schema has no "properties" object describing the columns';
  const required = new Set(Array.isArray(d.required) ? d.required.map(String) : []);
  return Object.entries(props as Record<string, unknown>).map(([name, raw]) => {
    const p = (raw ?? {}) as Record<string, unknown>;
    const { type, nullable } = schemaType(p);
    const spec: FieldSpec = { name, required: required.has(name), nullable, iqrFactor: 1.5, at, fromSchema: true };
    if (type) spec.type = type;
    const min = num(p, 'minimum');
    const max = num(p, 'maximum');
    if (min !== undefined) spec.min = min;
    if (max !== undefined) spec.max = max;
    if (Array.isArray(p.enum)) spec.enum = p.enum.filter((v) => v !== null);
    return spec;
  });
}

/** Merges schema specs under field specs: a column described in `fields` keeps exactly that spec. */
export function mergeSpecs(fields: readonly FieldSpec[], schema: readonly FieldSpec[]): FieldSpec[] {
  const named = new Set(fields.map((f) => f.name));
  return [...fields, ...schema.filter((s) => !named.has(s.name))];
}
