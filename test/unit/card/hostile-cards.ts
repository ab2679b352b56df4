/**
 * The hostile cards of issue 13 (fuzzing `check` and the language server): each once froze
 * validation for tens of seconds. The bench opens them in both servers and times `check` on them;
 * tests build smaller and larger versions of the same shapes to count work, never to time it.
 */
import { SEED } from '../../fixtures/cards/seed';

/** A seed-sized valid card the hostile parts are appended to, so the rest of the card validates: the seed's, with an owner. */
export const SEED_CARD = SEED.replace('artifacts:\n', 'owner: team-churn-ml\nartifacts:\n');

/** `count` unknown top-level keys after the seed card (16,000 keys make about 149 KB). */
export function manyUnknownKeys(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`k${i}: 1`);
  return SEED_CARD + lines.join('\n') + '\n';
}

/** A burn-rate window whose `long_window` is `digits` ones and an `x` (not a duration). */
export function longDuration(digits: number): string {
  return `${SEED_CARD.replace('gates:\n', `gates:
  observability:
    burn_rate_windows:
      - severity: page
        factor: 14.4
        long_window: ${'1'.repeat(digits)}x
        short_window: 5m
`)}slo:
  objective_percent: 99.9
  period_days: 30
`;
}

/** `count` suppression comments in a row above the seed card's owner line. */
export function manySuppressions(count: number): string {
  const line = '# release-gates-disable-next-line require-owner -- accepted for the bench';
  return Array.from({ length: count }, () => line).join('\n') + '\n' + SEED_CARD;
}

/** About `bytes` bytes of lines holding a lone `:` (a key and a value, both empty). */
export function colonLines(bytes: number): string {
  return ':\n'.repeat(Math.floor(bytes / 2));
}

/** `count` auto-rollback conditions that are numbers: each fails the `anyOf` of a condition. */
export function badConditions(count: number): string {
  return SEED_CARD.replace('    - p99_latency_ms > 800\n', Array.from({ length: count }, () => '    - 5\n').join(''));
}

/** `count` anchored values and a mapping whose keys are aliases of them, each a different name. */
export function manyAliasKeys(count: number): string {
  const anchors = Array.from({ length: count }, (_, i) => `  - &n${i} name_${i}`).join('\n');
  const keys = Array.from({ length: count }, (_, i) => `  *n${i} : ${i}`).join('\n');
  return `${SEED_CARD}labels:\n  names: x\nx_names:\n${anchors}\nx_keys:\n${keys}\n`;
}

/** A complex key: a flow sequence as the key of a top-level pair. */
export const COMPLEX_KEY_CARD = `${SEED_CARD}? [a, b]\n: c\n`;

/** An alias used as a key: `*g` names the string "gates", so `gates` appears twice. */
export const ALIAS_KEY_CARD = SEED_CARD.replace('gates:\n', '&g gates:\n') + '*g :\n  data_gate: fail\n';

/** The hostile inputs of the issue at the sizes it reports, by name. */
export function worstCards(): { name: string; text: string }[] {
  return [
    { name: '16,000 unknown keys', text: manyUnknownKeys(16_000) },
    { name: '100,000 unknown keys', text: manyUnknownKeys(100_000) },
    { name: 'long_window of 100k digits', text: longDuration(100_000) },
    { name: '4,000 suppressions', text: manySuppressions(4_000) },
    { name: '20,000 suppressions', text: manySuppressions(20_000) },
    { name: '1 MB of ":" lines', text: colonLines(1_000_000) },
    { name: 'complex key', text: COMPLEX_KEY_CARD },
    { name: 'alias key', text: ALIAS_KEY_CARD },
  ];
}
