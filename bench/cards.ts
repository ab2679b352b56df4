/** Builds benchmark cards of a given length from the complete example card. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Returns a card of about `lines` lines: the seed-sized card for small sizes, otherwise the example
 * card with generated data-gate field specs appended (realistic content the schema validates).
 */
export function cardOfLines(example: string, lines: number): string {
  if (lines <= 50) return SMALL;
  const marker = '    fields:\n';
  const at = example.indexOf(marker);
  if (at < 0) throw new Error('example card has no data.fields section to extend');
  const have = example.split('\n').length;
  const extra: string[] = [];
  for (let i = 0; have + extra.length < lines; i++) {
    extra.push(`      feature_${i}:`, '        type: numeric', '        required: true', `        max_null_share: 0.0${(i % 9) + 1}`, '        min: 0', `        max: ${1000 + i}`);
  }
  const cut = at + marker.length;
  return example.slice(0, cut) + extra.slice(0, Math.max(0, lines - have)).join('\n') + '\n' + example.slice(cut);
}

/** A seed-sized card of 31 lines with a description line to edit (also timed alone by bench/startup.mjs). */
const SMALL = readFileSync(resolve(__dirname, 'cards/seed.release.yaml'), 'utf8');
