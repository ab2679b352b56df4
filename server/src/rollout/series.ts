/**
 * Where the service's series are in Prometheus, from `rollout.series` (and conventions when the
 * card names none): the label matchers of the service, of its canary and of its stable pods, the
 * latency histogram, the request counter, and which requests count as errors or timeouts.
 * Everything a card writes here ends up inside PromQL and inside generated YAML, so every matcher
 * and name is checked against the PromQL grammar before use: a card cannot inject a query.
 */
import type { Card, CardPath } from '../card/model';

/** What reading the series needs of a card: its values (completion has no parsed card, only values). */
export type CardValues = Pick<Card, 'get'>;
import { obj, str } from '../card/read';

/** The engine a rollout is generated for, or the live judge. */
export type Target = 'argo' | 'flagger' | 'judge';

/** A problem with the series declaration, at a card path. */
export interface SeriesProblem {
  at: CardPath;
  message: string;
}

/** The series of one service, ready to build queries from. */
export interface SeriesConfig {
  /** Matchers shared by canary and stable (`service="churn-scorer"`), '' for none. */
  selector: string;
  /** Matchers that select only the canary's series, and only the stable's. */
  canary: string;
  stable: string;
  /** Base name of the latency histogram (its `_bucket` series is read). */
  histogram: string;
  requests: string;
  /** Matchers that, added to the request counter's, select failed and timed-out requests. */
  errors: string;
  timeouts: string;
  /** Condition metric → gauge series, declared under `rollout.series.gauges`. */
  gauges: ReadonlyMap<string, string>;
  /** Where each setting came from: the card path, or `default` (shown in hover and docs). */
  from: Readonly<Record<'selector' | 'canary' | 'stable' | 'histogram' | 'requests' | 'errors' | 'timeouts', string>>;
}

/** The conventions used when the card names no series (Prometheus client-library defaults). */
export const SERIES_DEFAULTS = {
  histogram: 'http_request_duration_seconds',
  requests: 'http_requests_total',
  errors: 'code=~"5.."',
  timeouts: 'code="504"',
} as const;

/** The label Argo Rollouts puts on canary and stable pods through canaryMetadata / stableMetadata. */
export const ARGO_TRACK_LABEL = 'role';

/**
 * Flagger names canary pods `<target>-<hash>-<hash>` and primary pods `<target>-primary-<hash>-<hash>`;
 * `{{ target }}` is filled in by Flagger when it runs the MetricTemplate.
 */
const FLAGGER_TRACKS = {
  canary: 'pod=~"{{ target }}-[0-9a-zA-Z]+-[0-9a-zA-Z]+"',
  stable: 'pod=~"{{ target }}-primary-[0-9a-zA-Z]+-[0-9a-zA-Z]+"',
} as const;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\\n]|\\.)*)"\s*$/;

/** One parsed label matcher. */
export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** Parses `a="x", b=~"y"` into matchers; undefined when any part is not a PromQL label matcher. */
export function parseMatchers(text: string): Matcher[] | undefined {
  const out: Matcher[] = [];
  const parts = splitOutsideQuotes(text.trim().replace(/^\{|\}$/g, ''));
  for (const part of parts) {
    if (part.trim() === '') continue;
    const m = MATCHER.exec(part);
    if (!m) return undefined;
    out.push({ label: m[1] as string, op: m[2] as Matcher['op'], value: m[3] as string });
  }
  return out;
}

/** Splits on commas that are not inside double quotes. */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted && ch === '\\') {
      cur += ch + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Matchers written back in one canonical form (`a="x",b=~"y"`). */
export function formatMatchers(ms: readonly Matcher[]): string {
  return ms.map((m) => `${m.label}${m.op}"${m.value}"`).join(',');
}

/** Joins matcher lists into one selector body, skipping empty ones. */
export function joinMatchers(...parts: readonly string[]): string {
  return parts.filter((p) => p !== '').join(',');
}

/** True for a Prometheus metric name. */
export function isMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** The service name: `labels.service`, else the model name of `artifacts.model_uri`, else `service`. */
export function serviceName(card: CardValues): string {
  const label = str(card.get(['labels', 'service']));
  if (label !== undefined && label.trim() !== '') return label.trim();
  const uri = str(card.get(['artifacts', 'model_uri']));
  return (uri !== undefined ? /^models:\/([^/@\s]+)/.exec(uri)?.[1] : undefined) ?? 'service';
}

/** `churn_model.v2` → `churn-model-v2`: a Kubernetes object name (DNS-1123 label, at most 63). */
export function kubeName(s: string): string {
  const out = s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return out === '' ? 'service' : /^[a-z]/.test(out) ? out : `s-${out}`.slice(0, 63);
}

/** Reads keys of `rollout.series`, recording where each value came from and what was wrong. */
class SectionReader {
  readonly problems: SeriesProblem[] = [];
  readonly from: Record<string, string> = {};
  private readonly section: Record<string, unknown>;

  constructor(card: CardValues, private readonly base: CardPath) {
    this.section = obj(card.get(base)) ?? {};
  }

  /** The raw value of a key, or undefined (recording the fallback's origin). */
  private raw(key: string, fallbackFrom: string): unknown {
    const raw = this.section[key];
    this.from[key] = raw === undefined ? fallbackFrom : [...this.base, key].join('.');
    return raw;
  }

  /** Label matchers, written back canonically; the fallback when absent or not matchers. */
  matchers(key: string, fallback: string, fallbackFrom = 'default'): string {
    const raw = this.raw(key, fallbackFrom);
    if (raw === undefined) return fallback;
    const parsed = typeof raw === 'string' ? parseMatchers(raw) : undefined;
    if (parsed !== undefined) return formatMatchers(parsed);
    this.problems.push({ at: [...this.base, key], message: `rollout.series.${key} ${JSON.stringify(raw)} is not a list of PromQL label matchers such as service="churn-scorer" or code=~"5..", so no query can be built from it. Write label, operator (=, !=, =~, !~) and a double-quoted value, comma-separated.` });
    return fallback;
  }

  /** A metric name; the fallback when absent or not a name. */
  name(key: string, fallback: string, fallbackFrom = 'default'): string {
    const raw = this.raw(key, fallbackFrom);
    if (raw === undefined) return fallback;
    if (typeof raw === 'string' && isMetricName(raw)) return raw;
    this.problems.push({ at: [...this.base, key], message: `rollout.series.${key} ${JSON.stringify(raw)} is not a Prometheus metric name (letters, digits, _ and :), so no query can read it. Write the series name without labels; put labels in rollout.series.selector.` });
    return fallback;
  }

  /** The `gauges` mapping. */
  gauges(): Map<string, string> {
    return readGauges(this.section['gauges'], [...this.base, 'gauges'], this.problems);
  }
}

/** Reads `rollout.series` for a target, with defaults; problems say which key is wrong and why. */
export function readSeries(card: CardValues, target: Target): { series: SeriesConfig; problems: SeriesProblem[] } {
  const r = new SectionReader(card, ['rollout', 'series']);
  const perf = performanceHistogram(card);
  const tracks = defaultTracks(target);
  const series: SeriesConfig = {
    selector: r.matchers('selector', `service="${escapeLabelValue(serviceName(card))}"`),
    canary: r.matchers('canary_selector', tracks.canary),
    stable: r.matchers('stable_selector', tracks.stable),
    // The performance gate's histogram name is reused, never its labels: those may select a load-test environment.
    histogram: r.name('latency_histogram', perf?.name ?? SERIES_DEFAULTS.histogram, perf ? 'gates.performance.prometheus.histogram_metric' : 'default'),
    requests: r.name('requests_total', SERIES_DEFAULTS.requests),
    errors: r.matchers('error_selector', SERIES_DEFAULTS.errors),
    timeouts: r.matchers('timeout_selector', SERIES_DEFAULTS.timeouts),
    gauges: r.gauges(),
    from: renameFrom(r.from),
  };
  if (series.canary === series.stable) r.problems.push({ at: ['rollout', 'series', 'canary_selector'], message: `rollout.series.canary_selector and stable_selector are both ${series.canary}, so canary and stable cannot be told apart. Give each track its own matchers.` });
  return { series, problems: r.problems };
}

/** The track matchers each engine can rely on without any card setting. */
function defaultTracks(target: Target): { canary: string; stable: string } {
  if (target === 'flagger') return FLAGGER_TRACKS;
  return { canary: `${ARGO_TRACK_LABEL}="canary"`, stable: `${ARGO_TRACK_LABEL}="stable"` };
}

/** `from` keyed by the series setting rather than the card key. */
function renameFrom(from: Record<string, string>): SeriesConfig['from'] {
  const get = (k: string): string => from[k] ?? 'default';
  return { selector: get('selector'), canary: get('canary_selector'), stable: get('stable_selector'), histogram: get('latency_histogram'), requests: get('requests_total'), errors: get('error_selector'), timeouts: get('timeout_selector') };
}

/** `gauges: { metric: series }`; each series must be a metric name. */
function readGauges(raw: unknown, at: CardPath, problems: SeriesProblem[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [metric, series] of Object.entries(obj(raw) ?? {})) {
    if (typeof series === 'string' && isMetricName(series)) out.set(metric, series);
    else problems.push({ at: [...at, metric], message: `rollout.series.gauges.${metric} ${JSON.stringify(series)} is not a Prometheus metric name, so the condition on ${metric} cannot be queried. Write the name of the gauge (or recording rule) that measures it.` });
  }
  return out;
}

/** The histogram the performance gate reads, when it reads Prometheus (its name only). */
function performanceHistogram(card: CardValues): { name: string } | undefined {
  const text = str(card.get(['gates', 'performance', 'prometheus', 'histogram_metric']));
  const m = text === undefined ? null : /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*?)(?:_bucket)?\s*(?:\{.*\})?\s*$/.exec(text);
  return m ? { name: m[1] as string } : undefined;
}

/** A string as the inside of a double-quoted PromQL label value. */
export function escapeLabelValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
