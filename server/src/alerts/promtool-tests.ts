/**
 * `promtool test rules` suites for generated burn-rate alerts: for every window pair, a synthetic
 * burn just above its factor must fire the pair's alert, and one just below must not. The burn lasts
 * the long window plus two samples, after a quiet history as long as the severity's longest window,
 * so each pair is tested on its own (the Workbook's budget shares grow with the window, so a burn that
 * trips one pair stays under the others of the same severity; pairs capped to one factor for a low
 * SLO fire together, which the same cases accept). Traffic in these suites stays far above the
 * minimum-traffic guard; `lowTrafficSuite` tests the guard itself. Pure: returns file texts.
 */
import { stringify } from 'yaml';
import { type BurnRateWindow, errorBudget, formatDuration, percentText } from '../slo';
import type { AlertIdentity } from './ownership';

/** What the suites need to know about the generated rules and the SLI's input series. */
export interface SuiteInput {
  /** File name of the rules file, relative to the suites. */
  rulesFile: string;
  objectivePercent: number;
  windows: readonly BurnRateWindow[];
  /** The alert per severity, in the generator's order (page first). */
  alerts: Readonly<Record<string, AlertIdentity & { annotations: Record<string, string> }>>;
  /** The counters the SLI reads: failed requests (error-ratio SLI) or good ones (good/total SLI), and all requests. */
  counters: { errorSeries: string } | { goodSeries: string };
  totalSeries: string;
  /** How far above and below the factor the two cases burn (default 2 %). */
  margin?: number;
  /** The rule groups in evaluation order (recordings before the alerts that read them). */
  groups: readonly string[];
  /** The rules' minimum request rate per second (0: no guard). */
  minRequestRate: number;
}

/** Options of the low-traffic suite. */
export interface LowTrafficOptions {
  /** The reference rate the cases sit around (normally the rules' guard). */
  rate: number;
  /** Whether the rules carry the guard: without it, one failed request at 0.8 × rate must fire. */
  guarded: boolean;
}

/** One promtool test case. */
type Case = Record<string, unknown>;

/** Sample steps tried, coarsest first: at least five samples per short window. */
const STEPS = [3600, 900, 300, 60];

/** One suite file per window pair: its name and YAML text. */
export function promtoolSuites(input: SuiteInput): { file: string; text: string }[] {
  return input.windows.map((w) => ({ file: `burn-${w.severity}-${w.longWindow}-${w.shortWindow}.test.yaml`, text: suite(input, w) }));
}

/** The sample step for a pair: the coarsest with at least five samples per short window. */
function stepFor(w: BurnRateWindow): number {
  return STEPS.find((s) => s <= w.shortSeconds / 5) ?? 60;
}

/** Requests per step: 1000, or more when the guard needs it, so the pair suites run at ten times the guard. */
function requestsPerStep(input: SuiteInput, step: number): number {
  return Math.max(1000, Math.ceil(10 * input.minRequestRate * step));
}

/** The suite file text: rule file, interval, group order and cases. */
function suiteText(input: SuiteInput, head: string, step: number, tests: Case[]): string {
  // Without group_eval_order promtool evaluates groups in map order, which varies between runs: an
  // alert evaluated before the recordings it reads sees them one step late, and the test flakes.
  return `${head}\n${stringify({ rule_files: [input.rulesFile], evaluation_interval: formatDuration(step), group_eval_order: [...input.groups], tests }, { lineWidth: 0 })}`;
}

/** The alert of a severity, which the generator always writes for a severity it has windows of. */
function alertOf(input: SuiteInput, severity: string): AlertIdentity & { annotations: Record<string, string> } {
  const alert = input.alerts[severity];
  if (!alert) throw new Error(`no alert for severity ${severity}`);
  return alert;
}

/** An expectation at a time: the alert firing with its labels and annotations, or silent. */
function expect(input: SuiteInput, severity: string, evalTime: number, fires: boolean): Case {
  const alert = alertOf(input, severity);
  return { eval_time: formatDuration(evalTime), alertname: alert.name, exp_alerts: fires ? [{ exp_labels: { severity, owner: alert.owner }, exp_annotations: alert.annotations }] : [] };
}

/** The suite of one window pair: fires just above, silent just below. */
function suite(input: SuiteInput, w: BurnRateWindow): string {
  const step = stepFor(w);
  const history = Math.max(...input.windows.filter((x) => x.severity === w.severity).map((x) => x.longSeconds));
  const margin = input.margin ?? 0.02;
  const alert = alertOf(input, w.severity);
  const tests = [1 + margin, 1 - margin].map((k): Case => {
    const fires = k > 1;
    return {
      name: `${alert.name} ${fires ? 'fires' : 'stays silent'} at ${Number((w.factor * k).toFixed(4))}x burn over ${w.longWindow}/${w.shortWindow} (threshold ${w.factor}x)`,
      interval: formatDuration(step),
      input_series: series(input, w, step, history, k),
      alert_rule_test: [expect(input, w.severity, history + w.longSeconds + 2 * step, fires)],
    };
  });
  return suiteText(input, `# Generated by the alerts test-suite generator: ${w.severity} ${w.factor}x over ${w.longWindow}/${w.shortWindow}. Regenerate instead of editing.`, step, tests);
}

/** A counter: its first sample, then runs of [increment per step, steps]. */
interface Counter {
  start: number;
  runs: [number, number][];
}

/** A number as written in a suite: at most 6 decimals. */
function six(x: number): number {
  return Number(x.toFixed(6));
}

/** Writes a counter in promtool's expanding notation (`a+bxn`, one term per run). */
function render(c: Counter): string {
  // Values follow the written (rounded) increments, as promtool expands them, so runs join without a drop.
  let value = six(c.start);
  return c.runs.map(([raw, steps], i) => {
    const inc = six(raw);
    // The first run starts at the first sample; each later run starts one increment past the last.
    const from = six(i === 0 ? value : value + inc);
    value = six(from + inc * (i === 0 ? steps : steps - 1));
    const n = i === 0 ? steps : steps - 1;
    return n === 0 ? `${from}` : `${from}+${inc}x${n}`;
  }).join(' ');
}

/** The runs of `a` split at the boundaries of `b`, so two counters can be subtracted run by run. */
function minus(a: Counter, b: Counter): Counter {
  const runs: [number, number][] = [];
  const left = a.runs.map((r) => [...r] as [number, number]);
  const right = b.runs.map((r) => [...r] as [number, number]);
  while (left.length > 0 && right.length > 0) {
    const [x, y] = [left[0] as [number, number], right[0] as [number, number]];
    const n = Math.min(x[1], y[1]);
    runs.push([x[0] - y[0], n]);
    x[1] -= n;
    y[1] -= n;
    if (x[1] === 0) left.shift();
    if (y[1] === 0) right.shift();
  }
  return { start: a.start - b.start, runs };
}

/** The input series of a case: all requests, and failures or good requests as the SLI reads them. */
function inputSeries(input: SuiteInput, total: Counter, errors: Counter): { series: string; values: string }[] {
  const second = 'errorSeries' in input.counters
    ? { series: input.counters.errorSeries, values: render(errors) }
    : { series: input.counters.goodSeries, values: render(minus(total, errors)) };
  return [{ series: input.totalSeries, values: render(total) }, second];
}

/** Both counters: quiet for `history`, then burning at `k` × factor for the long window plus two steps. */
function series(input: SuiteInput, w: BurnRateWindow, step: number, history: number, k: number): { series: string; values: string }[] {
  const perStep = requestsPerStep(input, step);
  const budget = errorBudget(input.objectivePercent);
  // Counters start far from zero: Prometheus stops extrapolating a rate at a counter's zero, which
  // would treat the two series differently and skew their ratio.
  const inc = Number((w.factor * k * budget * perStep).toFixed(6));
  const quiet = history / step;
  const burn = (w.longSeconds + 2 * step) / step;
  return inputSeries(input, { start: 1_000_000_000, runs: [[perStep, quiet + burn]] }, { start: 1_000_000, runs: [[0, quiet], [inc, burn]] });
}

/**
 * The low-traffic suite for the most sensitive page pair (else the first pair), after a history as
 * long as its severity's longest window (a 3-day history at one-minute samples would take promtool
 * a minute). One failed request inside the short window, on top of a background such that the long
 * window holds 0.8 × the reference rate's requests: muted by the guard, or firing without it (the
 * default guard is exactly the rate below which one failure fires on its own). A burn at twice the
 * threshold: muted at 0.8 × the rate, firing at 1.25 ×.
 */
export function lowTrafficSuite(input: SuiteInput, opts: LowTrafficOptions): { file: string; text: string } {
  const pages = input.windows.filter((x) => x.severity === 'page').sort((a, b) => a.longSeconds - b.longSeconds);
  const w = pages[0] ?? input.windows[0];
  if (!w) throw new Error('no window pair to test');
  const step = stepFor(w);
  const ofSeverity = input.windows.filter((x) => x.severity === w.severity);
  const [quiet, burn] = [Math.max(...ofSeverity.map((x) => x.longSeconds)) / step, (w.longSeconds + 2 * step) / step];
  const evalTime = (quiet + burn) * step;
  const threshold = w.factor * errorBudget(input.objectivePercent);
  const burnRatio = Math.min(1, 2 * threshold);
  const total = (runs: [number, number][]): Counter => ({ start: 1_000_000_000, runs });
  const tests: Case[] = [];
  // The failed request is a request too: the background leaves room for it in 0.8 × the long window's requests.
  const background = 0.8 * opts.rate - 1 / w.longSeconds;
  if (background > 0) {
    const b = background * step;
    const requests = 0.8 * opts.rate * w.longSeconds;
    tests.push({
      name: `one failed request among ${Number(requests.toPrecision(3))} in ${w.longWindow} (0.8x ${rateLabel(opts.rate)}): error ratio ${percentText(1 / requests)} over ${w.longWindow} and ${percentText(1 / (background * w.shortSeconds + 1))} over ${w.shortWindow} against the ${percentText(threshold)} threshold, ${opts.guarded ? 'muted by the minimum-traffic guard' : 'fires without a guard'}`,
      interval: formatDuration(step),
      input_series: inputSeries(input, total([[b, quiet + burn - 2], [b + 1, 1], [b, 1]]), { start: 1_000_000, runs: [[0, quiet + burn - 2], [1, 1], [0, 1]] }),
      alert_rule_test: [expect(input, w.severity, evalTime, !opts.guarded)],
    });
  }
  if (opts.guarded) {
    for (const [k, fires] of [[0.8, false], [1.25, true]] as const) {
      tests.push({
        name: `a burn at ${percentText(burnRatio)} errors over ${w.longWindow} at ${k}x ${rateLabel(opts.rate)} ${fires ? 'fires' : 'is muted'}`,
        interval: formatDuration(step),
        input_series: inputSeries(input, total([[k * opts.rate * step, quiet + burn]]), { start: 1_000_000, runs: [[0, quiet], [burnRatio * k * opts.rate * step, burn]] }),
        alert_rule_test: [expect(input, w.severity, evalTime, fires)],
      });
    }
  }
  const head = `# Generated by the alerts test-suite generator: ${rateLabel(opts.rate)} on ${w.severity} ${w.factor}x over ${w.longWindow}/${w.shortWindow}. Regenerate instead of editing.`;
  return { file: opts.guarded ? 'guard-low-traffic.test.yaml' : 'unguarded-low-traffic.test.yaml', text: suiteText(input, head, step, tests) };
}

/** The reference rate as a label: `the minimum traffic (0.0193 req/s)`. */
function rateLabel(rate: number): string {
  return `the minimum traffic (${rate} req/s)`;
}
