/**
 * Seeded generator of the demo evidence: `examples/churn` (every gate passes with margin) and
 * `examples/churn-blocked` (blocked for instructive reasons). Deterministic: the same config gives
 * the same bytes, so the generated files are committed and re-running changes nothing.
 *
 *   npx tsx scripts/generate-demo.ts [--out <folder>]      (default: examples)
 *
 * Shapes follow examples/churn/README.md. The cards themselves are written by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CHURN, CHURN_BLOCKED, type DemoConfig } from './demo-gen/config';
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

/** CLI entry: writes both examples. */
function main(argv: readonly string[]): void {
  const at = argv.indexOf('--out');
  const out = at >= 0 && argv[at + 1] ? (argv[at + 1] as string) : path.join(__dirname, '..', 'examples');
  for (const [name, config] of Object.entries(EXAMPLES)) {
    const files = generateExample(config);
    writeExample(path.join(out, name), files);
    const bytes = [...files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
    process.stdout.write(`${name}: ${files.size} files, ${(bytes / 1024).toFixed(0)} KiB\n`);
  }
}

if (require.main === module) main(process.argv.slice(2));
