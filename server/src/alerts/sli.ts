/**
 * Turns the card's SLI (`slo.sli`) into an error-ratio expression for any window, so one recording
 * rule per burn-rate window can be written. Pure: PromQL is only rewritten, never evaluated.
 */

/** A range selector `[5m]` or a subquery range `[5m:1m]`, with the duration captured. */
const RANGE_SELECTOR = /\[\s*((?:\d+(?:ms|[smhdwy]))+)\s*(:[^\]]*)?\]/g;

/** True when the expression has at least one range selector whose window can be replaced. */
export function hasRangeSelector(expr: string): boolean {
  return new RegExp(RANGE_SELECTOR.source).test(expr);
}

/** Replaces the window of every range selector (`[5m]` → `[1h]`, `[5m:1m]` → `[1h:1m]`). */
export function withWindow(expr: string, window: string): string {
  return expr.replace(RANGE_SELECTOR, (_m, _d: string, sub: string | undefined) => `[${window}${sub ?? ''}]`);
}

/** A counter query as a per-second rate over a window: its own selectors rewritten, or `sum(rate(q[w]))`. */
function rateOver(query: string, window: string): string {
  const q = query.trim();
  return hasRangeSelector(q) ? withWindow(q, window) : `sum(rate(${q}[${window}]))`;
}

/**
 * The request rate of a window, for the minimum-traffic guard: `total_query` as a rate, or the
 * denominator of an `errors / requests` error-ratio query; undefined when the SLI has neither.
 */
export type RequestRate = ((window: string) => string) | undefined;

/** How the error ratio of a window is computed, or why it cannot be from this SLI. */
export type SliRatio = { ok: true; kind: 'error_ratio' | 'good_total'; ratio: (window: string) => string; requests: RequestRate } | { ok: false; at: string; message: string };

/** Keywords that may follow a division and belong to it, not to the right operand. */
const VECTOR_MATCHING = /^(on|ignoring|group_left|group_right|bool)\b/;

/**
 * The right operand of the one top-level `/` of an expression (outside brackets and quotes), when
 * there is exactly one and it has a range selector; otherwise undefined. For
 * `sum(rate(e[5m])) / sum(rate(r[5m]))` that is `sum(rate(r[5m]))`, the request rate.
 */
export function ratioDenominator(expr: string): string | undefined {
  const cuts: number[] = [];
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i] as string;
    if (quote) { if (c === quote && expr[i - 1] !== '\\') quote = undefined; continue; }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '/' && depth === 0) cuts.push(i);
  }
  if (cuts.length !== 1) return undefined;
  const left = expr.slice(0, cuts[0]).trim();
  const right = expr.slice((cuts[0] as number) + 1).trim();
  return left !== '' && right !== '' && !VECTOR_MATCHING.test(right) && hasRangeSelector(right) ? right : undefined;
}

/** Reads `slo.sli` as a function from a window to its error-ratio expression. */
export function sliRatio(sli: unknown): SliRatio {
  const s = (typeof sli === 'object' && sli !== null ? sli : {}) as Record<string, unknown>;
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const errorRatio = text(s.error_ratio_query);
  if (errorRatio !== undefined) {
    if (!hasRangeSelector(errorRatio)) {
      return { ok: false, at: 'error_ratio_query', message: 'slo.sli.error_ratio_query has no range selector such as [5m], so it cannot be evaluated over the 5m…3d burn-rate windows. Write it as a ratio of rates, e.g. sum(rate(errors[5m])) / sum(rate(requests[5m])).' };
    }
    const requests = ratioDenominator(errorRatio);
    return { ok: true, kind: 'error_ratio', ratio: (w) => withWindow(errorRatio, w), requests: requests === undefined ? undefined : (w) => withWindow(requests, w) };
  }
  const good = text(s.good_query);
  const total = text(s.total_query);
  if (good !== undefined && total !== undefined) {
    return { ok: true, kind: 'good_total', ratio: (w) => `1 - ((${rateOver(good, w)}) / (${rateOver(total, w)}))`, requests: (w) => rateOver(total, w) };
  }
  return { ok: false, at: '', message: 'slo.sli gives neither error_ratio_query nor both good_query and total_query, so there is no SLI to alert on. Add the PromQL that measures the SLO.' };
}
