/**
 * The parts of a card whose changes mean more than a value changing: the profile, the bundle, a
 * gate switched to a deferral or an assertion, the canary's steps and its auto-rollback
 * conditions. Everything else goes through the generic walk of `diff.ts`.
 */
import type { CardPath } from '../card/model';
import { conditions, normalizedValue, type Condition } from '../rollout/conditions';
import type { Direction } from '../schema/keywords';
import { isLooser } from '../schema/directions';
import { isObject } from './change';
import { bundleChanges } from './bundle';
import { canaryStepsChange } from './canary';
import type { Differ, Place } from './diff';
import { step } from './diff';
import { showValue } from './values';
import { thresholdText } from '../policy/format';

/** Sections handled here; the generic walk skips them. */
const SPECIAL = ['description', 'profile', 'artifacts', 'gates', 'deferrals', 'rollout'];

/** Profiles from most to fewest required gates. */
const PROFILES = ['full', 'small-internal-service'];

/** Runs every section, then the generic walk over the rest of the card. */
export function cardSections(d: Differ): void {
  const b = obj(d.base.parsed.value);
  const a = obj(d.work.parsed.value);
  const root: Place = { np: [], bp: [], shown: '' };
  profile(d, b['profile'], a['profile']);
  d.changes.push(...bundleChanges(d.base, d.work));
  gates(d, b, a);
  const rb = obj(b['rollout']);
  const ra = obj(a['rollout']);
  const rollout = step(root, 'rollout', 'rollout');
  const steps = canaryStepsChange(rb['steps'], ra['steps']);
  if (steps) d.changes.push(steps);
  else d.walk(rb['steps'], ra['steps'], step(rollout, 'steps', 'steps'));
  autoRollback(d);
  d.objects(rb, ra, rollout, ['steps', 'auto_rollback_on']);
  d.objects(b, a, root, SPECIAL);
}

function obj(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {};
}

/** A lowered profile requires fewer gates. */
function profile(d: Differ, b: unknown, a: unknown): void {
  const before = typeof b === 'string' ? b : 'full';
  const after = typeof a === 'string' ? a : 'full';
  if (before === after) return;
  const rank = (p: string): number => PROFILES.indexOf(p);
  const lowered = rank(before) >= 0 && rank(after) > rank(before);
  const raised = rank(after) >= 0 && rank(before) > rank(after);
  const common = { subject: 'profile', at: ['profile'], on: 'value', path: ['profile'], basePath: ['profile'], before, after, beforeValue: b, afterValue: a } as const;
  if (lowered) d.changes.push({ ...common, code: 'review-profile-lowered', verdict: 'lowered', detail: 'the profile was lowered, so gates that were required may now be deferred' });
  else d.changes.push({ ...common, code: raised ? 'review-tightened' : 'review-changed', verdict: raised ? 'stricter' : 'changed', detail: raised ? 'the profile was raised, so more gates are required' : 'the profile changed' });
}

/** Gates compared one by one; a computed gate that became a deferral or an assertion is one change. */
function gates(d: Differ, b: Record<string, unknown>, a: Record<string, unknown>): void {
  const bg = obj(b['gates']);
  const ag = obj(a['gates']);
  const bDef = deferralIndex(b['deferrals']);
  const aDef = deferralIndex(a['deferrals']);
  const root: Place = { np: [], bp: [], shown: '' };
  const place = step(root, 'gates', 'gates');
  const deferred = new Set<string>();
  for (const key of union(bg, ag)) {
    const id = key.replace(/_gate$/, '');
    const asserted = key.endsWith('_gate');
    if (key in bg && key in ag) d.walk(bg[key], ag[key], step(place, key, key));
    else if (key in bg && !asserted && (aDef.has(id) || `${id}_gate` in ag)) {
      deferred.add(id);
      gateNotComputed(d, id, aDef.get(id), a, `${id}_gate` in ag ? ag[`${id}_gate`] : undefined);
    } else if (key in bg && asserted && isObject(ag[id])) continue; // the assertion became a definition: reported as added
    else if (key in ag && asserted && isObject(bg[id])) continue; // a definition became an assertion: reported above
    else if (key in bg) d.removed(bg[key], step(place, key, key), 'gate', id);
    else d.added(ag[key], step(place, key, key), asserted ? 'asserted gate status' : 'gate', id);
  }
  for (const [gate, i] of aDef) {
    if (deferred.has(gate)) continue;
    const j = bDef.get(gate);
    const item: Place = { np: ['deferrals', i], bp: ['deferrals', j ?? i], shown: `deferrals["${gate}"]` };
    if (j !== undefined) d.walk(list(b['deferrals'])[j], list(a['deferrals'])[i], item);
    else if (bg[gate] !== undefined || bg[`${gate}_gate`] !== undefined) gateNotComputed(d, gate, i, a, undefined);
    else d.added(list(a['deferrals'])[i], item, 'deferral of', gate);
  }
  for (const [gate, j] of bDef) {
    if (aDef.has(gate)) continue;
    d.changes.push({ code: 'review-tightened', verdict: 'stricter', subject: `deferrals["${gate}"]`, at: ['deferrals'], on: 'key', basePath: ['deferrals', j], before: 'deferred', after: isObject(ag[gate]) ? 'computed' : 'not deferred', detail: `the deferral of the ${gate} gate was removed` });
  }
}

/** A gate computed at the base is now deferred (reported on the deferral) or asserted (on the assertion). */
function gateNotComputed(d: Differ, gate: string, deferral: number | undefined, a: Record<string, unknown>, assertion: unknown): void {
  const item = deferral === undefined ? undefined : obj(list(a['deferrals'])[deferral]);
  const at: CardPath = item ? ['deferrals', deferral as number] : ['gates', `${gate}_gate`];
  const after = item ? `deferred to ${showValue(item['owner'], 'owner')} until ${showValue(item['deadline'], 'deadline')}` : `asserted "${String(assertion)}" by hand`;
  d.changes.push({ code: 'review-gate-deferred', verdict: 'deferred', subject: `gates.${gate}`, at, on: item ? 'value' : 'key', path: at, basePath: ['gates', gate], before: 'computed from evidence', after, detail: `the ${gate} gate is no longer computed: ${after}` });
}

/** Where each gate's deferral is, by gate id. */
function deferralIndex(value: unknown): Map<string, number> {
  const out = new Map<string, number>();
  list(value).forEach((x, i) => {
    const gate = obj(x)['gate'];
    if (typeof gate === 'string' && !out.has(gate)) out.set(gate, i);
  });
  return out;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function union(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(b), ...Object.keys(a)])];
}

/** Auto-rollback conditions matched by metric; a moved value is looser or stricter by the operator. */
function autoRollback(d: Differ): void {
  const before = keyed(conditions(d.base));
  const after = keyed(conditions(d.work));
  for (const [key, c] of after) {
    const old = before.get(key);
    const subject = `rollout.auto_rollback_on["${c.metric ?? c.raw}"]`;
    const common = { subject, at: c.path, on: 'value', path: c.path, after: c.raw, afterValue: c.raw } as const;
    if (!old) {
      d.changes.push({ ...common, on: 'key', code: 'review-added', verdict: 'added', detail: `auto-rollback condition "${c.raw}" added` });
      continue;
    }
    const vb = normalizedValue(old);
    const va = normalizedValue(c);
    // `error_rate > 0.8%` and `error_rate > 0.008` are the same condition.
    if (old.raw === c.raw || (old.op === c.op && vb !== undefined && vb === va)) continue;
    const direction = directionOf(c.op);
    const moved = old.op === c.op && direction && vb !== undefined && va !== undefined;
    const looser = moved ? isLooser(direction, vb, va) : false;
    d.changes.push({
      ...common, basePath: old.path, before: old.raw, beforeValue: old.raw, ...(direction ? { direction } : {}),
      code: moved ? (looser ? 'review-loosened' : 'review-tightened') : 'review-changed', verdict: moved ? (looser ? 'looser' : 'stricter') : 'changed',
      detail: moved ? `the canary now rolls back only ${direction === 'max' ? 'above' : 'below'} ${thresholdText(c.metric ?? '', va)}` : 'the condition changed',
    });
  }
  for (const [key, c] of before) {
    if (after.has(key)) continue;
    d.changes.push({ code: 'review-removed', verdict: 'removed', subject: `rollout.auto_rollback_on["${c.metric ?? c.raw}"]`, at: ['rollout', 'auto_rollback_on'], on: 'key', basePath: c.path, before: c.raw, beforeValue: c.raw, detail: `auto-rollback condition "${c.raw}" removed: the canary no longer rolls back on it` });
  }
}

/** Conditions by metric (and operator when a metric has two), unparsed ones by their text. */
function keyed(list: readonly Condition[]): Map<string, Condition> {
  const out = new Map<string, Condition>();
  for (const c of list) {
    const base = c.metric ?? `raw:${c.raw}`;
    out.set(out.has(base) ? `${base} ${c.op ?? ''} ${out.size}` : base, c);
  }
  return out;
}

/** A condition that fires above its value loosens upward; below, downward. */
function directionOf(op: string | undefined): Direction | undefined {
  if (op === '>' || op === '>=') return 'max';
  if (op === '<' || op === '<=') return 'min';
  return undefined;
}
