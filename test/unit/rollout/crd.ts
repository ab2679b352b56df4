/**
 * Validates generated objects against the upstream CRD schemas kept in ../shared/reference/ (read
 * there, never copied into the repository; see its README). Kubernetes prunes fields a CRD does
 * not declare, silently: a misspelt `failureLimt` would vanish and the brake with it. So every
 * object schema is closed here (no undeclared field), as `kubectl apply --validate=strict` does.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The folder of the third-party reference schemas, beside the repository. */
export const REFERENCE = resolve(__dirname, '../../../../shared/reference');

/** `false` when the CRDs are there; otherwise why the CRD tests are skipped. */
export const crdSkip: string | false = existsSync(join(REFERENCE, 'argo-rollouts/rollout-crd.yaml')) && existsSync(join(REFERENCE, 'flagger/crd.yaml'))
  ? false
  : `the upstream CRD schemas are not at ${REFERENCE} (../shared/reference beside the repository, see its README); CRD validation skipped`;

const FILES: Record<string, string> = {
  Rollout: 'argo-rollouts/rollout-crd.yaml',
  AnalysisTemplate: 'argo-rollouts/analysis-template-crd.yaml',
  Canary: 'flagger/crd.yaml',
  MetricTemplate: 'flagger/crd.yaml',
};

const cache = new Map<string, ValidateFunction>();

/** Closes every object schema that declares properties and does not keep unknown fields. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'enum' || k === 'required' ? v : closed(v);
  if ('properties' in out && !('additionalProperties' in out) && out['x-kubernetes-preserve-unknown-fields'] !== true) out['additionalProperties'] = false;
  return out;
}

/** The validator of a kind's served storage version. */
function validator(kind: string): ValidateFunction {
  const hit = cache.get(kind);
  if (hit) return hit;
  const file = FILES[kind];
  if (!file) throw new Error(`no CRD for kind ${kind}`);
  const crd = parseAllDocuments(readFileSync(join(REFERENCE, file), 'utf8')).map((d) => d.toJS() as { spec?: { names?: { kind?: string }; versions?: { storage?: boolean; schema?: { openAPIV3Schema?: unknown } }[] } }).find((d) => d?.spec?.names?.kind === kind);
  const schema = crd?.spec?.versions?.find((v) => v.storage)?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`${file} has no schema for ${kind}`);
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'byte', 'quantity', 'string']) ajv.addFormat(f, true);
  const fn = ajv.compile(closed(schema) as object);
  cache.set(kind, fn);
  return fn;
}

/** The schema errors of an object (apiVersion/kind decide the CRD), as readable lines; [] when valid. */
export function crdErrors(object: Record<string, unknown>): string[] {
  const kind = String(object['kind']);
  const validate = validator(kind);
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => `${kind} ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
