/**
 * Reads the `policy:` section of `.release-gates.yaml` into a `Policy`: validated against its own
 * schema (`schemas/release-gates-policy.schema.json`), then each floor's path is matched with a
 * threshold whose direction the card schema declares. Problems are located findings in the
 * configuration file; the valid parts of the policy still apply.
 */
import type { ErrorObject } from 'ajv';
import { policyValidator } from '../schema/compile';
import type { Finding } from '../card/findings';
import type { Card, CardPath } from '../card/model';
import type { CardNode } from '../card/positions';
import type { Policy, PolicyFloor } from '../policy/types';
import { describeValue, pointerToPath } from '../schema/describe';
import { directedPaths, type DirectedPath } from '../schema/directions';
import { closest } from '../schema/suggest';
import policySchema from '../../../schemas/release-gates-policy.schema.json';
import { CONFIG_CODES, type ConfigCode } from './codes';

/** The policy section's keys, for "did you mean". */
const POLICY_KEYS = Object.keys((policySchema as { properties: Record<string, unknown> }).properties);

/** Reads `policy:`; pushes a finding for every problem and returns the valid parts. */
export function readPolicy(card: Card, findings: Finding[]): Policy {
  const value = card.get(['policy']);
  const policy: Policy = { floors: [] };
  if (value === null || value === undefined) return policy;
  const validate = policyValidator();
  // The top-level keys with a problem: their limit is ignored rather than half applied.
  const bad = new Set<string>();
  if (!validate(value)) {
    for (const e of validate.errors ?? []) {
      const f = policyError(card, value, e);
      if (!f) continue;
      findings.push(f.finding);
      bad.add(String(f.path[1]));
    }
  }
  const object = card.object(['policy']);
  if (!object) return policy;
  const ok = (key: string): boolean => !bad.has(key);
  if (typeof object['min_canary_steps'] === 'number' && ok('min_canary_steps')) policy.minCanarySteps = object['min_canary_steps'];
  if (typeof object['max_deferral_days'] === 'number' && ok('max_deferral_days')) policy.maxDeferralDays = object['max_deferral_days'];
  if (Array.isArray(object['required_gates']) && ok('required_gates')) policy.requiredGates = object['required_gates'].filter((g): g is string => typeof g === 'string');
  policy.floors = readFloors(card, findings);
  return policy;
}

/** One ajv error as a finding on the node it is about, with the card path of that node. */
function policyError(card: Card, value: unknown, e: ErrorObject): { path: CardPath; finding: Finding } | undefined {
  const path: CardPath = ['policy', ...pointerToPath(e.instancePath, value)];
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const guess = closest(key, POLICY_KEYS);
    return { path: [...path, key], finding: make(card, 'config-unknown-key', card.anchor([...path, key]), `"${key}" is not a policy key${guess ? `; did you mean "${guess}"?` : ''}. The policy knows ${POLICY_KEYS.join(', ')}; this key is ignored, so the limit it meant to set does not apply.`) };
  }
  // ajv reports a bad floor path twice (the pattern, then propertyNames); the pattern error names it.
  if (e.keyword === 'propertyNames') return undefined;
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const key = String(propertyName);
    return { path: [...path, key], finding: make(card, 'config-unknown-threshold', card.anchor([...path, key]), `Floor "${key}" is not a card path: write keys joined by dots, with * for any list item or mapping key (e.g. gates.quality.slices.*.non_inferiority_delta). This floor is ignored.`) };
  }
  const description = (e.parentSchema as { description?: string } | undefined)?.description ?? '';
  return { path, finding: make(card, 'config-invalid-value', card.node(path) ?? card.anchor(path), `policy.${pointerToPath(e.instancePath, value).join('.')} ${e.message ?? 'is not valid'} (found ${describeValue(card.get(path))}); this limit is ignored. ${description}`.trim()) };
}

/** A floor path: keys joined by dots (the policy schema's `propertyNames` pattern). */
const FLOOR_PATH = /^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*$/;

/** The floors whose paths name a numeric threshold with a declared direction. */
function readFloors(card: Card, findings: Finding[]): PolicyFloor[] {
  const floors = card.object(['policy', 'floors']);
  if (!floors) return [];
  const known = directedPaths().filter((d) => d.numeric);
  const out: PolicyFloor[] = [];
  for (const [path, limit] of Object.entries(floors)) {
    const segments = path.split('.');
    // Wrong types, non-finite numbers and malformed paths are the policy schema's findings already.
    if (typeof limit !== 'number' || !Number.isFinite(limit) || !FLOOR_PATH.test(path)) continue;
    const match = known.find((d) => matches(d, segments));
    if (match) {
      out.push({ path, segments, limit, direction: match.direction });
      continue;
    }
    const guess = closest(path, known.map((d) => d.pattern));
    const dated = directedPaths().find((d) => !d.numeric && matches(d, segments));
    findings.push(make(card, 'config-unknown-threshold', card.anchor(['policy', 'floors', path]), dated
      ? `"${path}" is a date, and floors are numbers; this floor is ignored. Floors limit numeric thresholds such as gates.performance.p99_latency_ms.`
      : `"${path}" is not a threshold whose direction the card schema declares, so there is no telling which way is looser; this floor is ignored and the limit it meant to set does not apply.${guess ? ` Did you mean "${guess}"?` : ''}`));
  }
  return out;
}

/** True when a written path names the pattern: equal segments, or any key or index where the pattern has `*`. */
function matches(d: DirectedPath, segments: readonly string[]): boolean {
  const pattern = d.pattern.split('.');
  return pattern.length === segments.length && pattern.every((p, i) => p === segments[i] || (p === '*' && segments[i] !== undefined));
}

function make(card: Card, code: ConfigCode, node: CardNode, message: string): Finding {
  return { code, severity: CONFIG_CODES[code].severity, message, range: card.range(node) };
}
