/**
 * Changes to the bundle (`artifacts`): any of them makes a new release, so results and rollback
 * drills recorded for the old bundle no longer apply. One change per artifact that moved.
 */
import type { Card } from '../card/model';
import { type Change, deepEqual, isObject } from './change';
import { showValue } from './values';

/** One change per artifact that differs between the two cards. */
export function bundleChanges(base: Card, work: Card): Change[] {
  const b = base.object(['artifacts']) ?? {};
  const a = work.object(['artifacts']) ?? {};
  const sameId = String(base.get(['release_id']) ?? '') === String(work.get(['release_id']) ?? '');
  const out: Change[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    if (deepEqual(b[key], a[key])) continue;
    const inner = isObject(b[key]) && isObject(a[key]) ? innerChanges(b[key], a[key]) : '';
    const after = key in a ? showValue(a[key], key) : 'removed';
    const idNote = sameId ? `; release_id is still ${String(work.get(['release_id']) ?? 'unset')}, but a new bundle is a new release: give it its own id` : '';
    out.push({
      code: 'review-bundle-changed', verdict: 'new release', subject: `artifacts.${key}`, at: key in a ? ['artifacts', key] : ['artifacts'], on: key in a ? 'value' : 'key',
      ...(key in a ? { path: ['artifacts', key] } : {}), basePath: ['artifacts', key],
      before: key in b ? showValue(b[key], key) : 'not set', after, beforeValue: b[key], afterValue: a[key],
      detail: `the bundle changed${inner ? ` (${inner})` : ''}${idNote}`,
    });
  }
  return out;
}

/** "instance_type: c7i.xlarge → c7i.2xlarge, max_replicas: 12 → 16" for the first few keys that moved. */
function innerChanges(b: Record<string, unknown>, a: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !deepEqual(b[k], a[k]));
  const shown = keys.slice(0, 3).map((k) => `${k}: ${showValue(b[k], k)} → ${showValue(a[k], k)}`);
  return shown.join(', ') + (keys.length > 3 ? `, and ${keys.length - 3} more` : '');
}
