/**
 * The cost gate: cost per useful outcome = (inference + infra + storage + retraining + human ops)
 * / successful outcomes, over each horizon (7 and 30 days by default) ending at the last ledger day
 * not after the run's `now`. Shared fixed costs count for `traffic_share` of their amount; one-time
 * migration cost is excluded and reported apart. Every horizon must stay under the hard cap and
 * within the guardrail against the production baseline. Cost per request is never accepted as the
 * unit, because it hides what the release costs per result the business actually gets.
 */
import type { CardPath } from '../../card/model';
import { categoryCheck } from './categories';
import { costChart } from './charts';
import { type HorizonTotals, horizonTotals } from './horizon';
import { COST_CATEGORIES, type DayCost, dateOf, dayOf, readLedger } from './ledger';
import { type DayOutcome, readOutcomes } from './outcomes';
import { describeProblems, loadedTable } from '../engine/loaded-evidence';
import type { CheckResult, EvidenceRequest, GateContext, GateDefinition } from '../engine/types';

const LEDGER = 'cost.ledger';
const OUTCOMES = 'cost.outcomes';

/** The cost definition with defaults applied. */
interface CostSpec {
  ledger: string;
  outcomes: string;
  trafficShare: number;
  currency: string;
  cap: number | undefined;
  maxIncreasePct: number | undefined;
  horizons: number[];
  unit: string;
  baseline: number | undefined;
  /** Several outcomes rows on one day are summed (`duplicate_outcome_days: sum`) rather than an error. */
  sumOutcomeDays: boolean;
  notApplicable: string[];
}

/** Reads the definition and `baseline.cost_per_useful_result`. */
function readSpec(ctx: GateContext): CostSpec {
  const d = ctx.definition;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const horizons = Array.isArray(d.horizons_days) ? d.horizons_days.filter((h): h is number => Number.isInteger(h) && h > 0) : [7, 30];
  return {
    ledger: String(d.ledger ?? ''), outcomes: String(d.outcomes ?? ''),
    trafficShare: num(d.traffic_share) ?? 1, currency: typeof d.currency === 'string' ? d.currency : 'USD',
    cap: num(d.max_cost_per_useful_result), maxIncreasePct: num(d.max_increase_vs_baseline_percent),
    horizons: horizons.length > 0 ? horizons : [7, 30], unit: typeof d.unit === 'string' ? d.unit : 'per_useful_outcome',
    baseline: num(ctx.card.get(['baseline', 'cost_per_useful_result'])),
    sumOutcomeDays: d.duplicate_outcome_days === 'sum',
    notApplicable: Array.isArray(d.not_applicable_categories) ? d.not_applicable_categories.filter((c): c is string => typeof c === 'string') : [],
  };
}

/** Loads both tables into day maps, or returns the error check that explains why not. */
function readBooks(ctx: GateContext, spec: CostSpec): { ledger: Map<number, DayCost>; outcomes: Map<number, DayOutcome> } | CheckResult {
  const at = (k: string): CardPath => [...ctx.base, k];
  const lt = loadedTable(ctx, LEDGER);
  const ledger = lt.ok ? readLedger(lt.table, spec.trafficShare, 'ledger', at('ledger')) : lt;
  if ('error' in ledger) return ledger.error;
  if ('problems' in ledger) return { id: 'ledger', status: 'error', at: at('ledger'), message: `${describeProblems({ file: spec.ledger, problems: ledger.problems })} Without a complete ledger cost per useful outcome cannot be computed. Fix or regenerate the ledger export.` };
  const ot = loadedTable(ctx, OUTCOMES);
  const outcomes = ot.ok ? readOutcomes(ot.table, spec.sumOutcomeDays, 'outcomes', at('outcomes')) : ot;
  if ('error' in outcomes) return outcomes.error;
  if ('problems' in outcomes) return { id: 'outcomes', status: 'error', at: at('outcomes'), message: `${describeProblems({ file: spec.outcomes, problems: outcomes.problems })} Without successful outcomes per day there is no denominator. Fix or regenerate the outcomes export.` };
  return { ledger: ledger.days, outcomes: outcomes.days };
}

/** Formats money with four decimals and the currency. */
function money(x: number, currency: string): string {
  return `${x.toFixed(4)} ${currency}`;
}

/** Details recorded with each horizon check: the accounting behind the number. */
function horizonDetails(t: HorizonTotals): Record<string, number | string | null> {
  const d: Record<string, number | string | null> = { from: dateOf(t.firstDay), to: dateOf(t.lastDay), cost: t.cost, successful_outcomes: t.successes, migration_excluded: t.migration };
  for (const c of COST_CATEGORIES) d[`cost_${c}`] = t.byCategory[c] ?? 0;
  if (t.credits !== 0) d.credits = t.credits;
  if (t.requests !== undefined && t.requests > 0) d.cost_per_request = t.cost / t.requests;
  return d;
}

/** The checks of one horizon: insufficient evidence, or cap and guardrail. */
function horizonChecks(ctx: GateContext, spec: CostSpec, t: HorizonTotals, h: number): CheckResult[] {
  const id = `cost_per_useful_result_${h}d`;
  const span = `the ${h} days ${dateOf(t.firstDay)}..${dateOf(t.lastDay)}`;
  const missing = [...new Set([...t.missingLedger, ...t.missingOutcomes])].sort((a, b) => a - b);
  if (missing.length > 0 || t.successes <= 0) {
    const lacking = [t.missingLedger.length > 0 ? 'ledger rows' : '', t.missingOutcomes.length > 0 ? 'an outcomes row' : ''].filter((x) => x !== '').join(' or ');
    const why = missing.length > 0
      ? `${missing.length} day(s) of ${span} have no ${lacking} (first: ${missing.slice(0, 5).map(dateOf).join(', ')})`
      : `${span} have no successful outcomes`;
    return [{ id, status: 'error', unit: `${spec.currency} per useful outcome`, at: [...ctx.base, 'horizons_days'], message: `Cost over ${h} days cannot be computed: ${why}. A partial horizon would understate cost; export the full horizon.`, details: { from: dateOf(t.firstDay), to: dateOf(t.lastDay) } }];
  }
  const negative = COST_CATEGORIES.filter((c) => (t.byCategory[c] ?? 0) < 0);
  if (negative.length > 0) {
    const list = negative.map((c) => `${c} ${money(t.byCategory[c] as number, spec.currency)}`).join(', ');
    return [{ id, status: 'error', unit: `${spec.currency} per useful outcome`, at: [...ctx.base, 'ledger'], details: horizonDetails(t), message: `Cost over ${h} days cannot be computed: after credits, ${span} total a negative cost in ${list}. A credit larger than what it credits in the horizon makes every result look cheaper than it was; spread the credit over the days it covers, or correct it.` }];
  }
  const cpur = t.cost / t.successes;
  const unit = `${spec.currency} per useful outcome`;
  const details = horizonDetails(t);
  const credited = t.credits !== 0 ? `, after credits of ${money(t.credits, spec.currency)}` : '';
  const checks: CheckResult[] = [];
  if (spec.cap !== undefined) {
    const pass = cpur <= spec.cap + 1e-12;
    checks.push({ id: `${id}.cap`, status: pass ? 'pass' : 'fail', observed: cpur, threshold: spec.cap, unit, sampleSize: t.successes, at: [...ctx.base, 'max_cost_per_useful_result'], details, comparison: 'at_most',
      message: pass
        ? `Cost per useful outcome over ${span} is ${money(cpur, spec.currency)}, within the hard cap ${money(spec.cap, spec.currency)} (${money(t.cost, spec.currency)} / ${t.successes} outcomes${credited}).`
        : `Cost per useful outcome over ${span} is ${money(cpur, spec.currency)}, above the hard cap ${money(spec.cap, spec.currency)} (${money(t.cost, spec.currency)} / ${t.successes} outcomes${credited}): the release is not viable at this cost even if quality improved. Reduce the cost drivers in the details (or raise useful outcomes) before rollout; do not move the cap after the fact.` });
  }
  if (spec.maxIncreasePct !== undefined && spec.baseline !== undefined) {
    const increase = (cpur / spec.baseline - 1) * 100;
    const pass = cpur <= spec.baseline * (1 + spec.maxIncreasePct / 100) + 1e-12;
    checks.push({ id: `${id}.guardrail`, status: pass ? 'pass' : 'fail', observed: increase, threshold: spec.maxIncreasePct, unit: 'percent vs baseline', sampleSize: t.successes, at: [...ctx.base, 'max_increase_vs_baseline_percent'], details: { ...details, cost_per_useful_result: cpur, baseline: spec.baseline }, comparison: 'at_most',
      message: pass
        ? `Over ${span} cost per useful outcome ${money(cpur, spec.currency)} is ${increase.toFixed(2)} % vs the baseline's ${money(spec.baseline, spec.currency)}, within +${spec.maxIncreasePct} %.`
        : `Over ${span} cost per useful outcome ${money(cpur, spec.currency)} is ${increase.toFixed(2)} % above the baseline's ${money(spec.baseline, spec.currency)}, more than the +${spec.maxIncreasePct} % guardrail: the release degrades production economics. Find which category grew (details) and fix it, or take the trade-off to whoever owns the budget before changing the guardrail.` });
  }
  return checks;
}

/** Checks about the definition itself: the unit, and that both thresholds exist. */
function definitionChecks(ctx: GateContext, spec: CostSpec): CheckResult[] {
  const out: CheckResult[] = [];
  if (spec.unit === 'per_request') {
    out.push({ id: 'unit', status: 'fail', observed: 'per_request', threshold: 'per_useful_outcome', at: [...ctx.base, 'unit'], message: 'The card measures cost per request, which hides the real economics: a release that needs more requests (retries, fallbacks) or converts fewer of them into useful results looks cheap while it costs more per result. Set unit: per_useful_outcome; the horizon checks are computed per useful outcome already.' });
  }
  if (spec.cap === undefined) {
    out.push({ id: 'max_cost_per_useful_result', status: 'error', at: [...ctx.base, 'max_cost_per_useful_result'], message: 'No hard cap (max_cost_per_useful_result) is set, so the cost gate cannot decide whether the economics are viable. Set the cap before the run.' });
  }
  if (spec.maxIncreasePct === undefined || spec.baseline === undefined) {
    const what = spec.maxIncreasePct === undefined ? 'max_increase_vs_baseline_percent is not set' : 'baseline.cost_per_useful_result is not set';
    out.push({ id: 'max_increase_vs_baseline_percent', status: 'error', at: spec.maxIncreasePct === undefined ? [...ctx.base, 'max_increase_vs_baseline_percent'] : ['baseline', 'cost_per_useful_result'], message: `No guardrail against production: ${what}, so a release that quietly makes each result dearer would pass. Set both.` });
  }
  return out;
}

/** The one-time migration cost of the whole ledger, reported apart from steady state. */
function migrationCheck(ctx: GateContext, spec: CostSpec, ledger: Map<number, DayCost>): CheckResult {
  let total = 0;
  for (const d of ledger.values()) total += d.migration;
  return { id: 'migration_one_time', status: 'pass', observed: total, unit: spec.currency, at: [...ctx.base, 'ledger'], message: total > 0 ? `One-time migration cost ${money(total, spec.currency)} is kept apart from steady-state cost and not included in cost per useful outcome.` : 'The ledger has no one-time migration cost.' };
}

/** Puts the cost chart on the longest horizon's cap check (its guardrail check without a cap). */
function withCostChart(checks: CheckResult[], chart: CheckResult['chart'], longest: number): CheckResult[] {
  const prefix = `cost_per_useful_result_${longest}d.`;
  const at = checks.findIndex((c) => c.id.startsWith(prefix) && c.status !== 'error');
  if (!chart || at < 0) return checks;
  return checks.map((c, i) => (i === at ? { ...c, chart } : c));
}

/** The cost gate definition. */
export const costGate: GateDefinition = {
  id: 'cost',
  title: 'Cost gate',
  summary: 'Blocks releases whose cost per useful outcome breaks the hard cap or the guardrail against production over 7 or 30 days.',
  evidence(definition, base): EvidenceRequest[] {
    const out: EvidenceRequest[] = [];
    if (typeof definition.ledger === 'string') out.push({ key: LEDGER, path: definition.ledger, at: [...base, 'ledger'], kind: 'table', table: { types: { date: 'timestamp', category: 'categorical', amount: 'numeric', fixed: 'boolean' } } });
    if (typeof definition.outcomes === 'string') out.push({ key: OUTCOMES, path: definition.outcomes, at: [...base, 'outcomes'], kind: 'table', table: { types: { date: 'timestamp', successful_outcomes: 'numeric' } } });
    return out;
  },
  compute(ctx): CheckResult[] {
    const spec = readSpec(ctx);
    const books = readBooks(ctx, spec);
    if ('status' in books) return [books, ...definitionChecks(ctx, spec)];
    const nowDay = dayOf(ctx.now.getTime());
    // The horizon ends at the last ledger day, but never after the run's "now" (future rows are ignored).
    const lastDay = Math.max(...[...books.ledger.keys()].filter((d) => d <= nowDay));
    if (!Number.isFinite(lastDay)) {
      return [{ id: 'ledger', status: 'error', at: [...ctx.base, 'ledger'], message: `${spec.ledger} has no rows dated on or before ${ctx.now.toISOString().slice(0, 10)}, so no horizon can be computed. Export the ledger up to the run date.` }];
    }
    const categories = categoryCheck(ctx.base, spec, books.ledger, lastDay);
    if (categories.status !== 'pass') return [categories, ...definitionChecks(ctx, spec), migrationCheck(ctx, spec, books.ledger)];
    const totals = spec.horizons.map((h) => ({ h, t: horizonTotals(books.ledger, books.outcomes, lastDay, h) }));
    const horizons = withCostChart(totals.flatMap(({ h, t }) => horizonChecks(ctx, spec, t, h)), costChart(books.ledger, books.outcomes, totals, spec), Math.max(...spec.horizons));
    return [...horizons, categories, ...definitionChecks(ctx, spec), migrationCheck(ctx, spec, books.ledger)];
  },
};
