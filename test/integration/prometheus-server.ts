/**
 * A real Prometheus for the integration tests: OpenMetrics data generated with values known by
 * construction, backfilled with `promtool tsdb create-blocks-from openmetrics`, served on a free
 * 127.0.0.1 port, waited for through `/-/ready`, and stopped at the end.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The full path of an executable on PATH, or undefined. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir !== '' && existsSync(p)) return p;
  }
  return undefined;
}

/** Upper bounds (seconds) and cumulative counts per scrape: 1000 requests each 15 s. */
export const BUCKETS: readonly [string, number][] = [['0.05', 500], ['0.1', 800], ['0.2', 900], ['0.3', 950], ['0.5', 980], ['0.8', 1000], ['1', 1000], ['+Inf', 1000]];
/** Requests, failures and timeouts per scrape. */
export const PER_SCRAPE = { requests: 1000, failed: 5, timedOut: 1 } as const;
/** Seconds between samples. */
export const STEP = 15;

/**
 * OpenMetrics text for [from, to] (seconds): the latency histogram `rg_request_duration_seconds`
 * and the counters `rg_requests_total`, `rg_requests_failed_total`, `rg_requests_timed_out_total`.
 * Every scrape adds the same counts, so over any window inside the data p95 = 0.3 s (the 950th of
 * 1000 is the 0.3 bucket's last), p99 = 0.5 + 0.3 × (990 − 980) / 20 = 0.65 s (histogram_quantile's
 * linear interpolation), the error ratio is 5/1000 and the timeout ratio 1/1000.
 */
export function openMetrics(from: number, to: number): string {
  const lines: string[] = ['# TYPE rg_request_duration_seconds histogram', '# UNIT rg_request_duration_seconds seconds'];
  const times: number[] = [];
  for (let t = from; t <= to; t += STEP) times.push(t);
  times.forEach((t, i) => {
    for (const [le, c] of BUCKETS) lines.push(`rg_request_duration_seconds_bucket{le="${le}"} ${c * i} ${t}`);
    lines.push(`rg_request_duration_seconds_count ${PER_SCRAPE.requests * i} ${t}`, `rg_request_duration_seconds_sum ${150 * i} ${t}`);
  });
  for (const [name, per] of [['rg_requests', PER_SCRAPE.requests], ['rg_requests_failed', PER_SCRAPE.failed], ['rg_requests_timed_out', PER_SCRAPE.timedOut]] as const) {
    lines.push(`# TYPE ${name} counter`);
    times.forEach((t, i) => lines.push(`${name}_total ${per * i} ${t}`));
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** A free TCP port on 127.0.0.1 (free when asked; Prometheus binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A running Prometheus. */
export interface RunningProm {
  url: string;
  stop(): Promise<void>;
}

/** Backfills the data into `dir`/data with promtool; throws with promtool's output on failure. */
export function backfill(dir: string, text: string): string {
  const file = join(dir, 'data.om.txt');
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(file, text);
  const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, data], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`promtool backfill failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  return data;
}

/** Starts Prometheus on the TSDB folder and resolves once `/-/ready` answers 200 (30 s deadline). */
export async function startPrometheus(dir: string, tsdb: string): Promise<RunningProm> {
  const port = await freePort();
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  evaluation_interval: 1m\nscrape_configs: []\n');
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${tsdb}`, `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=3650d'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (c: Buffer) => { log = (log + c.toString()).slice(-4000); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = (): Promise<void> => stopChild(child, exited);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode} before it was ready:\n${log}`);
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then((r) => r.status === 200, () => false);
    if (ready) return { url, stop };
    await delay(100);
  }
  await stop();
  throw new Error(`prometheus was not ready within 30 s:\n${log}`);
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s; resolves when it has exited. */
async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
