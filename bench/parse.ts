/**
 * Parse micro-benchmark: the `yaml` package's parseAllDocuments against the fast YAML path on the
 * 35, 1,000 and 10,000-line benchmark cards. Prints median and p95 milliseconds and the ratio.
 * Not a test: it asserts nothing beyond the fast path answering for every card.
 *
 *   node --import tsx bench/parse.ts [--runs N]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fastParse, FAST_YAML_OPTIONS } from '../server/src/card/fast-yaml';
import { cardOfLines } from './cards';

const ROOT = resolve(__dirname, '..');

/** Median and nearest-rank 95th percentile of a sample. */
function summary(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { median, p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] as number };
}

/**
 * Times `a` and `b` alternately over `runs` runs after a few warm-up runs, in milliseconds per run.
 * Alternating keeps both sides under the same machine load, which moves on shared machines.
 */
function timePair(a: () => unknown, b: () => unknown, runs: number): [number[], number[]] {
  for (let i = 0; i < Math.min(5, runs); i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, out] of [[a, ta], [b, tb]] as const) {
      const start = process.hrtime.bigint();
      fn();
      out.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return [ta, tb];
}

function main(): void {
  const at = process.argv.indexOf('--runs');
  const scale = at > 0 ? Number(process.argv[at + 1]) : 1;
  const example = readFileSync(resolve(ROOT, 'examples/churn/release-card.yaml'), 'utf8');
  const sizes: [number, number][] = [[35, 400], [1000, 100], [10000, 20]];
  console.log('Parse time per card (ms): yaml parseAllDocuments vs fastParse');
  console.log('lines   KiB     yaml median  yaml p95  fast median  fast p95  ratio (median)');
  for (const [lines, runs] of sizes) {
    const text = cardOfLines(example, lines);
    if (!fastParse(text)) throw new Error(`the fast path deferred on the ${lines}-line card`);
    const n = Math.max(3, Math.round(runs * scale));
    const [ty, tf] = timePair(() => parseAllDocuments(text, FAST_YAML_OPTIONS), () => fastParse(text), n);
    const y = summary(ty);
    const f = summary(tf);
    console.log(
      `${String(text.split('\n').length).padEnd(8)}${(text.length / 1024).toFixed(1).padEnd(8)}` +
        `${y.median.toFixed(3).padStart(11)}${y.p95.toFixed(3).padStart(10)}${f.median.toFixed(3).padStart(13)}${f.p95.toFixed(3).padStart(10)}` +
        `${(y.median / f.median).toFixed(1).padStart(14)}×`,
    );
  }
}

main();
