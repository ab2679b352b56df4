/**
 * `release-gates canary <card> --prometheus-url URL [--step N]`: judges the running canary now and
 * prints `continue`, `hold` or `rollback` with its reasons; exits 0, 3 or 1 (2 for usage errors
 * and cards whose rollout cannot be judged). It runs as an Argo Rollouts `job` metric or through
 * Flagger's load tester as a webhook (docs/rollout.md). The URL comes from the flag or
 * RELEASE_GATES_PROMETHEUS_URL, never from the card.
 */
import { parseDurationSeconds } from '../slo/duration';
import { formatReport, isReportFormat } from '../report';
import { DEFAULT_MIN_REQUESTS, judgeCanary, minRequestsFor, parseMatchers, planRollout, windowFor, type Judgement, type RolloutPlan, type Verdict } from '../rollout';
import { TOOL } from '../version';
import { canaryFindings, canaryJson, canaryText } from './canary-format';
import { defineCommand, type CliIO, type ParsedArgs, usageError } from './io';
import { loadCard, printProblems, prometheusUrlOf } from './rollout';

/** Exit codes: continue 0, rollback 1, usage or an unjudgeable card 2, hold 3. */
export const CANARY_EXIT: Readonly<Record<Verdict | 'usage', number>> = { continue: 0, rollback: 1, usage: 2, hold: 3 };

const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;

/** The canary command. */
export const canaryCommand = defineCommand({
  name: 'canary',
  summary: 'Judge a running canary now from Prometheus: continue (exit 0), hold (exit 3) or rollback (exit 1).',
  usage: 'release-gates canary <card> --prometheus-url <url> [options]',
  options: {
    'prometheus-url': { type: 'string', value: '<url>', help: 'The Prometheus to query (default: RELEASE_GATES_PROMETHEUS_URL; a card never names it).' },
    step: { type: 'string', value: '<N>', help: 'The rollout step the canary is at, from 1 (it picks the step\'s minimum request count).' },
    window: { type: 'string', value: '<duration>', help: 'How far back to judge, at least 30s, e.g. 60m (default: the card\'s step_duration_minutes, else 30m).' },
    interval: { type: 'string', value: '<duration>', help: 'Length of each measurement, at least 30s, e.g. 5m (default: the card\'s rollout.analysis_interval, else 5m).' },
    'min-requests': { type: 'string', value: '<N>', help: 'Fewest canary requests in the window to decide; fewer holds.' },
    alpha: { type: 'string', value: '<level>', help: 'Significance level of the canary-versus-stable comparison, between 0 and 0.5 (default 0.01).' },
    'canary-selector': { type: 'string', value: '<matchers>', help: 'PromQL label matchers of the canary\'s series, e.g. role="canary" (overrides the card).' },
    'stable-selector': { type: 'string', value: '<matchers>', help: 'PromQL label matchers of the stable series (overrides the card).' },
    'no-compare': { type: 'boolean', help: 'Judge the canary against the card\'s thresholds only, without comparing it with stable.' },
    time: { type: 'string', value: '<iso-date-time>', help: 'Judge as of this time (default: now).' },
    format: { type: 'string', value: '<format>', help: `Output format: ${FORMATS.join(', ')} (default text).` },
  },
  run: runCanary,
});

/** Everything the judge was asked to do. */
interface CanaryArgs {
  card: string;
  url: string;
  step?: number;
  window?: number;
  interval?: number;
  minRequests?: number;
  alpha?: number;
  canary?: string;
  stable?: string;
  compare: boolean;
  time: Date;
  format: (typeof FORMATS)[number];
}

/** Parses and checks the arguments, or returns the usage error. */
function readArgs(parsed: ParsedArgs, io: CliIO): CanaryArgs | string {
  if (parsed.positional.length !== 1) return 'give exactly one card file';
  const flag = (n: string): string | undefined => parsed.flags.get(n)?.[0];
  const prom = prometheusUrlOf(parsed.flags, io);
  if (prom.error) return `the Prometheus URL ${prom.error}`;
  if (!prom.url) return 'no Prometheus URL: pass --prometheus-url or set RELEASE_GATES_PROMETHEUS_URL (a card never names it)';
  const format = flag('format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return `unknown format "${format}"; use ${FORMATS.join(', ')}`;
  const out: CanaryArgs = { card: parsed.positional[0] as string, url: prom.url, compare: !parsed.flags.has('no-compare'), time: new Date(), format: format as CanaryArgs['format'] };
  const problem = readNumbers(out, flag) ?? readSelectors(out, flag);
  if (problem) return problem;
  const time = flag('time');
  if (time !== undefined) {
    const d = new Date(time);
    if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(time)) return `--time "${time}" is not an ISO 8601 date-time`;
    out.time = d;
  }
  return out;
}

/** --step, --window, --interval, --min-requests and --alpha. */
function readNumbers(out: CanaryArgs, flag: (n: string) => string | undefined): string | undefined {
  const step = flag('step');
  if (step !== undefined) {
    if (!/^[1-9][0-9]*$/.test(step)) return `--step "${step}" must be a step number from 1`;
    out.step = Number(step);
  }
  for (const key of ['window', 'interval'] as const) {
    const text = flag(key);
    if (text === undefined) continue;
    const seconds = parseDurationSeconds(text);
    if (seconds === undefined || seconds < 30) return `--${key} "${text}" must be a duration of at least 30s, such as 5m or 1h`;
    out[key] = seconds;
  }
  const min = flag('min-requests');
  if (min !== undefined) {
    if (!/^[0-9]+$/.test(min)) return `--min-requests "${min}" must be a whole number of requests`;
    out.minRequests = Number(min);
  }
  const alpha = flag('alpha');
  if (alpha !== undefined) {
    const a = Number(alpha);
    if (!(a > 0 && a < 0.5)) return `--alpha "${alpha}" must be a significance level between 0 and 0.5, such as 0.01`;
    out.alpha = a;
  }
  return undefined;
}

/** --canary-selector and --stable-selector must be PromQL label matchers. */
function readSelectors(out: CanaryArgs, flag: (n: string) => string | undefined): string | undefined {
  for (const [key, field] of [['canary-selector', 'canary'], ['stable-selector', 'stable']] as const) {
    const text = flag(key);
    if (text === undefined) continue;
    if (parseMatchers(text) === undefined || text.trim() === '') return `--${key} ${JSON.stringify(text)} is not a list of PromQL label matchers such as role="canary"`;
    out[field] = text;
  }
  return undefined;
}

/** The plan with the command line's track selectors over the card's. */
function withSelectors(plan: RolloutPlan, a: CanaryArgs): RolloutPlan {
  const series = { ...plan.series, ...(a.canary ? { canary: a.canary } : {}), ...(a.stable ? { stable: a.stable } : {}) };
  return { ...plan, series };
}

async function runCanary(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const a = readArgs(parsed, io);
  // The usage exit code of canary is the shared one (2).
  if (typeof a === 'string') return usageError(io, canaryCommand, a);
  const loaded = await loadCard('canary', a.card, io);
  if (!loaded) return CANARY_EXIT.usage;
  const plan = withSelectors(planRollout(loaded.card, 'judge'), a);
  if (printProblems(plan, loaded, io)) {
    io.err('release-gates canary: the canary cannot be judged: the card\'s rollout cannot be expressed as queries (see above).\n');
    return CANARY_EXIT.usage;
  }
  if (a.step !== undefined && a.step > plan.steps.length) {
    io.err(`release-gates canary: --step ${a.step} is past the card's ${plan.steps.length} steps (${plan.steps.join(', ')})\n`);
    return CANARY_EXIT.usage;
  }
  const window = a.window ?? windowFor(plan);
  const interval = Math.min(a.interval ?? plan.intervalSeconds, window);
  const minRequests = a.minRequests ?? minRequestsFor(loaded.card.get(['rollout', 'min_requests_per_step']), a.step, DEFAULT_MIN_REQUESTS);
  const judgement: Judgement = await judgeCanary(plan, {
    prometheus: { url: a.url }, time: a.time, windowSeconds: window, intervalSeconds: interval, minRequests, compare: a.compare,
    ...(a.step !== undefined ? { step: a.step } : {}), ...(a.alpha !== undefined ? { alpha: a.alpha } : {}),
  });
  io.out(render(a, judgement, plan, loaded.display, loaded.card));
  return CANARY_EXIT[judgement.verdict];
}

/** The judgement in the chosen format. */
function render(a: CanaryArgs, j: Judgement, plan: RolloutPlan, display: string, card: Parameters<typeof canaryFindings>[1]): string {
  if (a.format === 'text') return canaryText(j, plan, display);
  if (a.format === 'json') return `${JSON.stringify(canaryJson(j, plan, display), null, 2)}\n`;
  return isReportFormat(a.format) ? formatReport(a.format, [{ path: display, findings: canaryFindings(j, card) }], { version: TOOL.version, ...(a.format === 'junit' ? { title: 'release-gates canary' } : {}) }) : '';
}
