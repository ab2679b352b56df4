// Process timing for the benchmarks: whole processes (start, imports, work, exit), wall clock and
// CPU (user + system, all threads) and peak memory from GNU time, sides alternated run by run so
// a shared machine's load falls on both alike, and min / median / max over the runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';

/** True when GNU time is installed (Debian: apt-get install -y time); without it CPU and memory are not measured. */
export const HAS_TIME = existsSync(TIME);

/** The 1, 5 and 15 minute load averages, for the line beside a figure. */
export function load() {
  return loadavg().map((x) => x.toFixed(2)).join(' ');
}

/** Runs one process to its end; returns wall seconds, CPU seconds, peak RSS in MiB, exit status and output. */
export function runProcess(command, args, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rg-bench-time-'));
  const out = join(dir, 'time');
  try {
    const wrapped = HAS_TIME ? [TIME, ['-f', '%e %U %S %M', '-o', out, command, ...args]] : [command, args];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(wrapped[0], wrapped[1], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.error) throw r.error;
    let cpu = NaN;
    let rss = NaN;
    if (HAS_TIME && existsSync(out)) {
      const [, user, sys, kib] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      cpu = user + sys;
      rss = kib / 1024;
    }
    return { wall, cpu, rss, status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs every side `runs` times, alternating the order each round (ABC, CBA, ...), after `warmup`
 * untimed rounds (file cache, JIT of the tools themselves); returns the samples of each side.
 */
export function alternate(sides, runs, warmup = 1) {
  const samples = new Map(sides.map((s) => [s.name, []]));
  for (let round = -warmup; round < runs; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const r = runProcess(side.command, side.args, side.options);
      if (side.check) side.check(r);
      if (round >= 0) samples.get(side.name).push({ ...r, load: loadavg()[0] });
    }
  }
  return samples;
}

/** Min, median and max of numbers. */
export function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { min: s[0], median, max: s[s.length - 1] };
}

/** "0.412 / 0.430 / 0.511" (min / median / max) with `digits` decimals. */
export function mmm(xs, digits = 3) {
  const { min, median, max } = spread(xs);
  return `${min.toFixed(digits)} / ${median.toFixed(digits)} / ${max.toFixed(digits)}`;
}

/** One table row: the side, its wall, CPU and memory spreads, and the load it ran under. */
export function row(name, samples, width = 44) {
  const loads = samples.map((s) => s.load);
  const cpu = HAS_TIME ? mmm(samples.map((s) => s.cpu)) : 'n/a';
  const rss = HAS_TIME ? mmm(samples.map((s) => s.rss), 0) : 'n/a';
  return `${name.padEnd(width)} wall ${mmm(samples.map((s) => s.wall))} s  cpu ${cpu} s  peak ${rss} MiB  (load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)})`;
}

/** Median of a field of samples. */
export function median(samples, field) {
  return spread(samples.map((s) => s[field])).median;
}
