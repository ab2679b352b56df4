/**
 * A minimal Prometheus HTTP API client (`/api/v1/query` and `/api/v1/query_range`) over Node's
 * `fetch`. It only ever talks to the URL the user configured (CLI flag, environment, setting),
 * never one from a card, so a card under review cannot point the tool at arbitrary hosts. Every
 * failure (timeout, refused connection, HTTP error, empty result, NaN) comes back as a message that
 * says what happened and what to do, never as an exception.
 */

/** Where the Prometheus server is and how long to wait for it. */
export interface PrometheusConfig {
  /** Base URL, e.g. `http://127.0.0.1:9090` (a path prefix such as `/prometheus` is kept). */
  url: string;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
}

/** One number read from Prometheus, or why there is none. */
export type ScalarOutcome = { ok: true; value: number } | { ok: false; message: string };

/** A time series of a range query. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: [number, number][];
}

/** Checks a configured URL: http or https, no credentials in it; returns the problem or undefined. */
export function urlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `'${url}' is not a URL; give the Prometheus base URL, e.g. http://127.0.0.1:9090`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `'${url}' is not an http(s) URL`;
  if (u.username || u.password) return 'the Prometheus URL must not carry credentials; they would end up in run records';
  return undefined;
}

/** The API endpoint under a base URL, keeping any path prefix. */
function endpoint(base: string, api: string): URL {
  return new URL(api, base.endsWith('/') ? base : `${base}/`);
}

/** Posts a form to the API and returns its `data`, or a message. */
async function call(config: PrometheusConfig, api: string, form: Record<string, string>, signal?: AbortSignal): Promise<{ ok: true; data: unknown } | { ok: false; message: string }> {
  const bad = urlProblem(config.url);
  if (bad) return { ok: false, message: bad };
  const timeoutMs = config.timeoutMs ?? 10_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const where = `Prometheus at ${config.url}`;
  let res: Response;
  try {
    res = await fetch(endpoint(config.url, api), { method: 'POST', body: new URLSearchParams(form), signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (err) {
    if (timeout.aborted) return { ok: false, message: `${where} did not answer within ${timeoutMs} ms` };
    if (signal?.aborted) return { ok: false, message: 'the run was cancelled before Prometheus answered' };
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, message: `${where} could not be reached (${cause?.code ?? cause?.message ?? (err as Error).message})` };
  }
  const text = await res.text().catch(() => '');
  let body: { status?: string; data?: unknown; error?: string; errorType?: string } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = undefined;
  }
  if (!res.ok || body?.status !== 'success') {
    const why = body?.error ? `${body.errorType ?? 'error'}: ${body.error}` : text.trim().slice(0, 200) || res.statusText;
    return { ok: false, message: `${where} answered HTTP ${res.status} (${why})` };
  }
  return { ok: true, data: body.data };
}

/** Parses a sample value; Prometheus sends numbers as strings, including `NaN` and `+Inf`. */
function sampleValue(v: unknown): number {
  if (!Array.isArray(v) || typeof v[1] !== 'string') return Number.NaN;
  // JavaScript's Number() reads `Infinity` but not Go's `+Inf`.
  return v[1] === '+Inf' ? Infinity : v[1] === '-Inf' ? -Infinity : Number(v[1]);
}

/** Evaluates an instant query at a time; the result must be exactly one finite number. */
export async function queryScalar(config: PrometheusConfig, query: string, time: Date, signal?: AbortSignal): Promise<ScalarOutcome> {
  const r = await call(config, 'api/v1/query', { query, time: String(time.getTime() / 1000) }, signal);
  if (!r.ok) return r;
  const data = r.data as { resultType?: string; result?: unknown };
  let values: number[];
  if (data.resultType === 'scalar') values = [sampleValue(data.result)];
  else if (data.resultType === 'vector' && Array.isArray(data.result)) values = data.result.map((s: { value?: unknown }) => sampleValue(s.value));
  else return { ok: false, message: `the query returned a ${String(data.resultType)}, not one number` };
  if (values.length === 0) return { ok: false, message: 'the query returned no series (empty result): the metric has no samples in the range, or the selector matches nothing' };
  if (values.length > 1) return { ok: false, message: `the query returned ${values.length} series, not one number; aggregate it (sum, or sum by (le) for histograms)` };
  const value = values[0] as number;
  if (Number.isNaN(value)) return { ok: false, message: 'the query returned NaN (no events in the range, e.g. a histogram with no observations or a ratio of zero requests)' };
  if (!Number.isFinite(value)) return { ok: false, message: `the query returned ${value} (for a quantile: it falls in the +Inf bucket, so the histogram's buckets end below it)` };
  return { ok: true, value };
}

/** Evaluates a range query; returns its series or a message. */
export async function queryRange(config: PrometheusConfig, query: string, start: Date, end: Date, stepSeconds: number, signal?: AbortSignal): Promise<{ ok: true; series: RangeSeries[] } | { ok: false; message: string }> {
  const r = await call(config, 'api/v1/query_range', { query, start: String(start.getTime() / 1000), end: String(end.getTime() / 1000), step: String(stepSeconds) }, signal);
  if (!r.ok) return r;
  const data = r.data as { resultType?: string; result?: { metric?: Record<string, string>; values?: unknown[] }[] };
  if (data.resultType !== 'matrix' || !Array.isArray(data.result)) return { ok: false, message: `the range query returned a ${String(data.resultType)}, not a matrix` };
  return { ok: true, series: data.result.map((s) => ({ labels: s.metric ?? {}, points: (s.values ?? []).map((v) => [Number((v as unknown[])[0]), sampleValue(v)] as [number, number]) })) };
}
