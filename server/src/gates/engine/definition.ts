/**
 * Defense in depth for gate definitions. The helpers gates read their definition with (`num`,
 * `str`, `obj`, `list` in `checks.ts`, and plain `typeof` tests) drop a value of the wrong type:
 * `p99_latency_ms: "800"` would silently lose its threshold and let the gate pass. `release-gates
 * run` refuses such a card before any gate runs; for every other caller of the engine, each schema
 * problem inside a gate's definition becomes an error check of that gate, so a value the gate
 * could not read as written blocks the release instead of loosening it.
 */
import type { Card, CardPath } from '../../card/model';
import { schemaProblems, type SchemaProblem } from '../../schema/validate';
import type { CheckResult } from './types';

/** Problems per parsed card: a run validates once however many gates it computes. */
const cache = new WeakMap<Card, SchemaProblem[]>();

/** True when `path` lies at or below `base`. */
function within(path: CardPath, base: CardPath): boolean {
  return path.length >= base.length && base.every((k, i) => path[i] === k);
}

/** The error checks for every schema problem inside one gate's definition (none for a valid card). */
export function definitionChecks(card: Card, base: CardPath): CheckResult[] {
  let problems = cache.get(card);
  if (!problems) {
    problems = schemaProblems(card);
    cache.set(card, problems);
  }
  const gate = String(base[base.length - 1] ?? 'this');
  return problems.filter((p) => within(p.path, base)).map((p) => {
    const rel = p.path.slice(base.length).join('.');
    return {
      id: `definition${rel ? `.${rel}` : ''}`, status: 'error', at: p.path,
      message: `${p.finding.message} The ${gate} gate cannot use its definition as written (a value it cannot read would be dropped, and with it a threshold), so it cannot decide, which blocks the release. Fix the card; "release-gates check" lists every problem.`,
    };
  });
}
