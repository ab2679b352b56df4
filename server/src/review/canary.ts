/**
 * The canary's steps as one change: the share of traffic the first step exposes and the number of
 * steps before full traffic are what limit a bad release's reach, so a larger first step or fewer
 * steps is looser, whatever else moved.
 */
import type { Change } from './change';
import { deepEqual } from './change';
import { showValue } from './values';

/** The change of `rollout.steps`, or undefined when they are the same (or not lists of numbers on both sides). */
export function canaryStepsChange(before: unknown, after: unknown): Change | undefined {
  if (deepEqual(before, after) || !isSteps(before) || !isSteps(after)) return undefined;
  const bc = before.filter((s) => s < 100);
  const ac = after.filter((s) => s < 100);
  const firstBefore = bc[0] ?? 100;
  const firstAfter = ac[0] ?? 100;
  const looser = firstAfter > firstBefore || ac.length < bc.length;
  const stricter = !looser && (firstAfter < firstBefore || ac.length > bc.length);
  const parts: string[] = [];
  if (firstAfter !== firstBefore) parts.push(`the first step now sends ${firstAfter} % of traffic, was ${firstBefore} %`);
  const gone = bc.filter((s) => !ac.includes(s));
  const fresh = ac.filter((s) => !bc.includes(s));
  if (gone.length > 0) parts.push(`step${gone.length === 1 ? '' : 's'} ${gone.map((s) => `${s} %`).join(', ')} removed`);
  if (fresh.length > 0) parts.push(`step${fresh.length === 1 ? '' : 's'} ${fresh.map((s) => `${s} %`).join(', ')} added`);
  parts.push(`${ac.length} canary step${ac.length === 1 ? '' : 's'} before full traffic, was ${bc.length}`);
  return {
    code: looser ? 'review-loosened' : stricter ? 'review-tightened' : 'review-changed', verdict: looser ? 'looser' : stricter ? 'stricter' : 'changed',
    subject: 'rollout.steps', at: ['rollout', 'steps'], on: 'value', path: ['rollout', 'steps'], basePath: ['rollout', 'steps'],
    before: showValue(before, 'steps'), after: showValue(after, 'steps'), beforeValue: before, afterValue: after, detail: parts.join('; '),
  };
}

function isSteps(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'number' && Number.isFinite(s));
}
