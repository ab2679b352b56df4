/**
 * Keeps schema errors readable: when a value fails `oneOf`/`anyOf`, ajv reports the errors of every
 * alternative. We keep only the alternative the author most plausibly meant and drop the rest.
 */
import type { ErrorObject } from 'ajv';
import { WORK } from '../card/work';

/** Removes the errors of losing alternatives and the composite errors themselves. */
export function rankErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const composites = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  if (composites.length === 0) return [...errors];
  const byPath = new ErrorsByPath(errors);
  for (const composite of composites) {
    if (dropped.has(composite)) continue;
    const branches = branchErrors(byPath.under(composite.instancePath), composite).filter((b) => b.errors.every((e) => !dropped.has(e)));
    const best = pickBranch(branches, composite.instancePath);
    if (!best || best.errors.length === 0) continue; // Several alternatives matched: keep the composite error.
    for (const b of branches) if (b !== best) for (const e of b.errors) dropped.add(e);
    dropped.add(composite);
  }
  return errors.filter((e) => !dropped.has(e));
}

/** The errors of one alternative of a composite. */
interface Branch {
  index: number;
  errors: ErrorObject[];
}

/**
 * The errors sorted by instance path, so the errors at a path, and those below it, are two
 * contiguous runs found by binary search. Scanning every error for every composite was quadratic
 * when a list of thousands of items each failed an `anyOf`.
 */
class ErrorsByPath {
  private readonly sorted: ErrorObject[];

  constructor(errors: readonly ErrorObject[]) {
    this.sorted = [...errors].sort((a, b) => (a.instancePath < b.instancePath ? -1 : a.instancePath > b.instancePath ? 1 : 0));
  }

  /**
   * The errors at `path` and below it (`path/...`). A plain prefix would also take the errors of
   * `/steps/10` for `/steps/1`, mixing the alternatives of different items.
   */
  under(path: string): ErrorObject[] {
    const out: ErrorObject[] = [];
    this.collect(path, (p) => p === path, out);
    this.collect(path + '/', (p) => p.startsWith(path + '/'), out);
    return out;
  }

  /** Appends the contiguous run of errors from the first path not below `from` while `inRun` holds. */
  private collect(from: string, inRun: (path: string) => boolean, out: ErrorObject[]): void {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s[mid] as ErrorObject).instancePath < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < s.length && inRun((s[i] as ErrorObject).instancePath); i++) out.push(s[i] as ErrorObject);
  }
}

/** Groups the errors below a composite's schema path (from those at or below its instance path) by alternative. */
function branchErrors(errors: readonly ErrorObject[], composite: ErrorObject): Branch[] {
  const prefix = composite.schemaPath + '/';
  const byIndex = new Map<number, ErrorObject[]>();
  const count = Array.isArray(composite.schema) ? composite.schema.length : 0;
  for (let i = 0; i < count; i++) byIndex.set(i, []);
  for (const e of errors) {
    WORK.rankingSteps++;
    if (e === composite || !e.schemaPath.startsWith(prefix)) continue;
    const index = Number(e.schemaPath.slice(prefix.length).split('/')[0]);
    if (Number.isInteger(index)) byIndex.get(index)?.push(e);
  }
  return [...byIndex.entries()].map(([index, errs]) => ({ index, errors: errs }));
}

/**
 * Picks the alternative the author meant: first one whose type matches the value (no type error at
 * the composite's own location), then the one whose errors reach deepest into the value, then the
 * one with the fewest errors, then the first declared.
 */
function pickBranch(branches: Branch[], at: string): Branch | undefined {
  const key = (b: Branch): [number, number, number, number] => [
    b.errors.some((e) => e.instancePath === at && (e.keyword === 'type' || e.keyword === 'const')) ? 1 : 0,
    -b.errors.reduce((deepest, e) => Math.max(deepest, e.instancePath.length), 0),
    b.errors.length,
    b.index,
  ];
  return [...branches].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
  })[0];
}
