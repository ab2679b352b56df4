/**
 * One semantic change between the base and the working version of a card, before it becomes a
 * finding: what changed (a card path and a name a person reads), the two values formatted for
 * people, the threshold's direction when it has one, and how the change moves the release.
 */
import type { CardPath } from '../card/model';
import type { Direction } from '../schema/keywords';
import type { ReviewCode } from './codes';

/** How a change moves the release, as the summary table's verdict column says it. */
export type ChangeVerdict = 'looser' | 'stricter' | 'changed' | 'removed' | 'added' | 'renamed' | 'deferred' | 'lowered' | 'new release' | 'new evidence' | 'moved after failure';

/** One change. */
export interface Change {
  code: ReviewCode;
  verdict: ChangeVerdict;
  /** What changed, as a person reads it: `gates.quality.slices["cold start"].min_samples`. */
  subject: string;
  /** Where to report it in the working card: the value itself, or (when it is gone) the nearest key that is left. */
  at: CardPath;
  on: 'value' | 'key';
  /** The path of the thing in the base card (a run record's failures are located in it). */
  basePath?: CardPath;
  /** The path in the working card, when the thing exists there. */
  path?: CardPath;
  before?: string;
  after?: string;
  /** Raw values, for JSON output. */
  beforeValue?: unknown;
  afterValue?: unknown;
  direction?: Direction;
  /** What the change means, one sentence (the finding's message adds why it matters and what to do). */
  detail: string;
}

/** True when two plain values (from YAML) are equal, deeply. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A plain mapping (not a list, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
