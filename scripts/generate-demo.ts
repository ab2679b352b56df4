/**
 * Seeded generator of the demo evidence: `examples/churn` (every gate passes with margin) and
 * `examples/churn-blocked` (blocked for instructive reasons). Deterministic: the same config gives
 * the same bytes, so the generated files are committed and re-running changes nothing.
 *
 *   npx tsx scripts/generate-demo.ts [--out <folder>]      (default: examples)
 *   npx tsx scripts/generate-demo.ts --out <folder> --faults drift,slowP99
 *
 * With `--faults` only the churn example is written, with those faults built in (one per gate:
 * drift, sliceRegression, missingSuite, slowP99, costBreach, unownedAlert, staleDrill), so a test
 * or a reader can watch one gate fail on otherwise passing evidence.
 *
 * Shapes follow examples/churn/README.md. The cards themselves are written by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CHURN, CHURN_BLOCKED, type DemoConfig, type DemoFaults } from './demo-gen/config';
import { costEvidence } from './demo-gen/cost';
import { dataEvidence } from './demo-gen/data';
import { obsEvidence } from './demo-gen/obs';
import { opsEvidence } from './demo-gen/ops';
import { perfEvidence } from './demo-gen/perf';
import { qualityEvidence } from './demo-gen/quality';

/** Every generated file of one example: path relative to the example folder → contents. */
export function generateExample(c: DemoConfig): Map<string, string> {
  const parts = [dataEvidence(c), qualityEvidence(c), perfEvidence(c), costEvidence(c), obsEvidence(c), opsEvidence(c)];
  return new Map(parts.flatMap((m) => [...m]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Writes one example's files under `dir`. */
export function writeExample(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [rel, text] of files) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** The examples this script writes, by folder name. */
export const EXAMPLES: Readonly<Record<string, DemoConfig>> = { churn: CHURN, 'churn-blocked': CHURN_BLOCKED };

/** The value after `--name`, if any. */
function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/** The examples to write: both, or the churn example with the listed faults. */
function selection(faults: string | undefined): Record<string, DemoConfig> {
  if (faults === undefined) return { ...EXAMPLES };
  const known = Object.keys(CHURN_BLOCKED.faults);
  const chosen: DemoFaults = {};
  for (const f of faults.split(',').filter((x) => x !== '')) {
    if (!known.includes(f)) throw new Error(`unknown fault '${f}'; known: ${known.join(', ')}`);
    chosen[f as keyof DemoFaults] = true;
  }
  return { churn: { ...CHURN, faults: chosen } };
}

/** CLI entry: writes the selected examples. */
function main(argv: readonly string[]): void {
  const out = option(argv, '--out') ?? path.join(__dirname, '..', 'examples');
  const faults = option(argv, '--faults');
  if (faults !== undefined && option(argv, '--out') === undefined) throw new Error('--faults needs --out: the committed examples stay as generated');
  for (const [name, config] of Object.entries(selection(faults))) {
    const files = generateExample(config);
    writeExample(path.join(out, name), files);
    const bytes = [...files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
    process.stdout.write(`${name}: ${files.size} files, ${(bytes / 1024).toFixed(0)} KiB\n`);
  }
}

if (require.main === module) main(process.argv.slice(2));
