/**
 * The semantic diff of two versions of a card: values compared key by key, list items matched by
 * their identity (a slice by its name) rather than their position, renamed keys and items paired
 * instead of reported as a removal and an addition, and every threshold judged looser or stricter
 * by the direction the schema declares for it. Pure: two parsed cards in, changes out.
 */
import type { Card, CardPath } from '../card/model';
import { isLooser, thresholdDirection } from '../schema/directions';
import { type Change, deepEqual, isObject } from './change';
import { displayStep, identityKeys, identityOf, isAllowanceList, isUserKeyMap, itemWord, patternOf, showValue } from './values';

/** Where the walk is: the path in each version and the path as a person reads it. */
export interface Place {
  np: CardPath;
  bp: CardPath;
  shown: string;
}

/** Collects the changes between a base and a working card. */
export class Differ {
  readonly changes: Change[] = [];

  constructor(readonly base: Card, readonly work: Card) {}

  /** Compares two values at a place. */
  walk(b: unknown, a: unknown, at: Place): void {
    if (deepEqual(b, a)) return;
    if (b === undefined) return this.added(a, at);
    if (a === undefined) return this.removed(b, at);
    if (isObject(b) && isObject(a)) return this.objects(b, a, at);
    if (Array.isArray(b) && Array.isArray(a)) return this.lists(b, a, at);
    this.scalar(b, a, at);
  }

  /** Both are mappings: common keys compared, renamed keys paired, the rest removed or added. */
  objects(b: Record<string, unknown>, a: Record<string, unknown>, at: Place, skip: readonly string[] = []): void {
    const gone = Object.keys(b).filter((k) => !(k in a) && !skip.includes(k));
    const fresh = Object.keys(a).filter((k) => !(k in b) && !skip.includes(k));
    // Only the user's own names (columns, planes, labels) can be renamed; a card key has a meaning.
    const renames = isUserKeyMap(patternOf(at.np)) ? pairRenames(gone, fresh, (r) => b[r], (f) => a[f], () => true) : new Map<string, string>();
    for (const key of Object.keys(a)) {
      if (skip.includes(key)) continue;
      const from = renames.get(key);
      if (from !== undefined) {
        this.renamed(at, from, key, a[key]);
        this.walk(b[from], a[key], step(at, key, from));
      } else if (key in b) this.walk(b[key], a[key], step(at, key, key));
      else this.added(a[key], step(at, key, key));
    }
    const renamedFrom = new Set(renames.values());
    for (const key of gone) if (!renamedFrom.has(key)) this.removed(b[key], step(at, key, key));
  }

  /** Both are lists: items matched by identity (or value), renamed items paired. */
  lists(b: readonly unknown[], a: readonly unknown[], at: Place): void {
    const pattern = patternOf(at.np);
    if ([...b, ...a].every((x) => !isObject(x) && !Array.isArray(x))) return this.scalarList(b, a, at, pattern);
    const id = (x: unknown, i: number, side: 'b' | 'a'): string => identityOf(pattern, x) ?? (b.length === a.length ? `#${i}` : `${side}:${JSON.stringify(x)}`);
    const baseIds = unique(b.map((x, i) => id(x, i, 'b')));
    const workIds = unique(a.map((x, i) => id(x, i, 'a')));
    const gone = baseIds.filter((k) => !workIds.includes(k));
    const fresh = workIds.filter((k) => !baseIds.includes(k));
    const keys = identityKeys(pattern);
    const without = (x: unknown): unknown => (isObject(x) ? Object.fromEntries(Object.entries(x).filter(([k]) => !keys.includes(k))) : x);
    const renames = pairRenames(gone, fresh, (k) => without(b[baseIds.indexOf(k)]), (k) => without(a[workIds.indexOf(k)]), (x, y) => isObject(x) && isObject(y));
    workIds.forEach((k, i) => {
      const from = renames.get(k) ?? (baseIds.includes(k) ? k : undefined);
      const j = from === undefined ? -1 : baseIds.indexOf(from);
      const name = identityOf(pattern, a[i]);
      const place: Place = { np: [...at.np, i], bp: [...at.bp, Math.max(j, 0)], shown: at.shown + displayStep(i, name) };
      if (j < 0) return this.added(a[i], place, itemWord(pattern), name);
      const before = b[j];
      const after = a[i];
      if (!renames.has(k)) return this.walk(before, after, place);
      this.renamedItem(at, i, itemWord(pattern), identityOf(pattern, before) ?? `#${j}`, name ?? `#${i}`);
      // The rename is reported; the rest of the item is compared without its name.
      if (isObject(before) && isObject(after)) this.objects(before, after, place, keys);
      else this.walk(before, after, place);
    });
    const renamedFrom = new Set(renames.values());
    gone.filter((k) => !renamedFrom.has(k)).forEach((k) => {
      const j = baseIds.indexOf(k);
      const name = identityOf(pattern, b[j]);
      this.removed(b[j], { np: at.np, bp: [...at.bp, j], shown: at.shown + displayStep(j, name) }, itemWord(pattern), name);
    });
  }

  /** Lists of plain values (columns, spans, horizons): what left and what arrived, each as one change. */
  scalarList(b: readonly unknown[], a: readonly unknown[], at: Place, pattern: string): void {
    const gone = b.filter((x) => !a.some((y) => deepEqual(x, y)));
    const fresh = a.filter((x) => !b.some((y) => deepEqual(x, y)));
    const key = at.np[at.np.length - 1];
    const list = (xs: readonly unknown[]): string => xs.map((x) => showValue(x, key)).join(', ');
    const base = { subject: at.shown.replace(/^\./, ''), at: at.np, path: at.np, basePath: at.bp, before: showValue(b, key), after: showValue(a, key), beforeValue: b, afterValue: a } as const;
    const allows = isAllowanceList(pattern);
    const word = itemWord(pattern);
    if (gone.length > 0) {
      this.changes.push({ ...base, on: 'value', code: allows ? 'review-tightened' : 'review-removed', verdict: allows ? 'stricter' : 'removed', detail: `${plural(word, gone.length)} removed: ${list(gone)}` });
    }
    if (fresh.length > 0) {
      this.changes.push({ ...base, on: 'value', code: allows ? 'review-loosened' : 'review-added', verdict: allows ? 'looser' : 'added', detail: `${plural(word, fresh.length)} added: ${list(fresh)}` });
    }
    if (gone.length === 0 && fresh.length === 0) this.changes.push({ ...base, on: 'value', code: 'review-changed', verdict: 'changed', detail: 'reordered' });
  }

  /** Two plain values: looser or stricter by the declared direction, else changed. */
  scalar(b: unknown, a: unknown, at: Place): void {
    const key = at.np[at.np.length - 1];
    const direction = thresholdDirection(at.np);
    const common = { subject: at.shown.replace(/^\./, ''), at: at.np, on: 'value', path: at.np, basePath: at.bp, before: showValue(b, key), after: showValue(a, key), beforeValue: b, afterValue: a } as const;
    const order = comparable(b, a);
    if (direction && order !== undefined) {
      const looser = isLooser(direction, order[0], order[1]);
      this.changes.push({ ...common, direction, code: looser ? 'review-loosened' : 'review-tightened', verdict: looser ? 'looser' : 'stricter', detail: movement(direction, order, typeof b === 'string') });
      return;
    }
    if (direction) {
      // Fail closed: a threshold that cannot be compared with its base is not waved through as a mere change.
      this.changes.push({ ...common, direction, code: 'review-uncomparable', verdict: 'changed', detail: `${describe(a)} cannot be compared with ${describe(b)}` });
      return;
    }
    this.changes.push({ ...common, code: 'review-changed', verdict: 'changed', detail: 'changed' });
  }

  /** Something new in the working card. */
  added(value: unknown, at: Place, word?: string, name?: string): void {
    const key = at.np[at.np.length - 1];
    const threshold = thresholdDirection(at.np);
    const what = word ? `${word}${name ? ` "${name}"` : ''}` : threshold ? 'threshold' : 'key';
    this.changes.push({ code: 'review-added', verdict: 'added', subject: at.shown.replace(/^\./, ''), at: at.np, on: 'key', path: at.np, after: showValue(value, key, name), afterValue: value, ...(threshold ? { direction: threshold } : {}), detail: `${what} added` });
  }

  /** Something the base card had and the working card has not; reported on what is left around it. */
  removed(value: unknown, at: Place, word?: string, name?: string): void {
    const key = at.bp[at.bp.length - 1];
    const threshold = thresholdDirection(at.bp);
    const what = word ? `${word}${name ? ` "${name}"` : ''}` : threshold ? 'threshold' : 'key';
    this.changes.push({ code: 'review-removed', verdict: 'removed', subject: at.shown.replace(/^\./, ''), at: at.np, on: 'key', basePath: at.bp, before: showValue(value, key, name), beforeValue: value, ...(threshold ? { direction: threshold } : {}), detail: `${what} removed` });
  }

  /** A mapping key renamed (same value, or the one key that left for the one that arrived). */
  private renamed(at: Place, from: string, to: string, value: unknown): void {
    this.changes.push({ code: 'review-renamed', verdict: 'renamed', subject: `${at.shown}.${to}`.replace(/^\./, ''), at: [...at.np, to], on: 'key', path: [...at.np, to], basePath: [...at.bp, from], before: from, after: to, afterValue: value, detail: `key "${from}" renamed to "${to}"` });
  }

  /** A list item renamed. */
  private renamedItem(at: Place, index: number, word: string, from: string, to: string): void {
    this.changes.push({ code: 'review-renamed', verdict: 'renamed', subject: `${at.shown}["${to}"]`.replace(/^\./, ''), at: [...at.np, index], on: 'value', path: [...at.np, index], before: `"${from}"`, after: `"${to}"`, detail: `${word} "${from}" renamed to "${to}"` });
  }
}

/** Makes repeated identities distinct (two slices both named "cold users" stay two slices), in order. */
function unique(ids: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((k) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k} (${n})`;
  });
}

/** One step down in both versions. */
export function step(at: Place, key: string | number, baseKey: string | number): Place {
  return { np: [...at.np, key], bp: [...at.bp, baseKey], shown: at.shown + displayStep(key) };
}

/**
 * Pairs removed with added names: first those whose values are equal, then, when exactly one of
 * each is left and `alike` accepts them, those two (a renamed slice whose threshold also changed).
 */
function pairRenames(gone: readonly string[], fresh: readonly string[], before: (k: string) => unknown, after: (k: string) => unknown, alike: (b: unknown, a: unknown) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fresh) {
    const match = gone.find((g) => ![...out.values()].includes(g) && deepEqual(before(g), after(f)));
    if (match !== undefined) out.set(f, match);
  }
  const leftGone = gone.filter((g) => ![...out.values()].includes(g));
  const leftFresh = fresh.filter((f) => !out.has(f));
  if (leftGone.length === 1 && leftFresh.length === 1 && alike(before(leftGone[0] as string), after(leftFresh[0] as string)) && sameShape(before(leftGone[0] as string), after(leftFresh[0] as string))) {
    out.set(leftFresh[0] as string, leftGone[0] as string);
  }
  return out;
}

/** Two mappings with the same keys (a renamed item whose values changed), or two values of one type. */
function sameShape(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b)) return Object.keys(a).sort().join() === Object.keys(b).sort().join();
  return false;
}

/** Numbers, or ISO dates (compared as days), in an order both can be put in; undefined otherwise. */
export function comparable(b: unknown, a: unknown): [number, number] | undefined {
  if (typeof b === 'number' && typeof a === 'number' && Number.isFinite(b) && Number.isFinite(a)) return [b, a];
  const day = (v: unknown): number | undefined => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);
  const db = day(b);
  const da = day(a);
  return db !== undefined && da !== undefined ? [db, da] : undefined;
}

/** "the text "250ms"", "NaN": what a value is, for a comparison that failed. */
function describe(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return `the text "${v}"`;
  return Array.isArray(v) ? 'a list' : v === null ? 'an empty value' : 'a mapping';
}

/** "an upper limit, raised"; for dates, which way the date moved. */
function movement(direction: 'max' | 'min', [before, after]: [number, number], date: boolean): string {
  if (date) return `moved ${after > before ? 'later' : 'earlier'}`;
  const word = after > before ? 'raised' : 'lowered';
  return `${direction === 'max' ? 'an upper limit' : 'a lower limit'}, ${word}`;
}

/** "2 critical drift columns". */
function plural(word: string, n: number): string {
  if (n === 1) return `1 ${word}`;
  return `${n} ${word.endsWith('s') ? word : `${word}s`}`;
}
