/** The performance gate is at least as strict as the SLO it protects. */
import { replaceFix } from './fixes';
import { defineRule } from './types';
import { fmt, num } from './values';

/** Flags a p99 latency threshold looser than the SLO's latency objective. */
export const performanceMatchesSlo = defineRule({
  meta: {
    id: 'performance-matches-slo',
    severity: 'error',
    summary: 'The performance gate allows a p99 latency above the SLO latency objective.',
    fix: 'replace',
  },
  check(card, report) {
    const gate = num(card.get(['gates', 'performance', 'p99_latency_ms']));
    const slo = num(card.get(['slo', 'latency_p99_ms']));
    const node = card.node(['gates', 'performance', 'p99_latency_ms']);
    if (gate === undefined || slo === undefined || !node || gate <= slo) return;
    report(node, `The performance gate allows p99 latency up to ${fmt(gate)} ms but the SLO is ${fmt(slo)} ms: a release that breaches the SLO under target load passes the gate. The SLO is fixed before release; use ${fmt(slo)} ms (or lower).`, {
      fixes: [replaceFix(card, node, fmt(slo), `Use the SLO's ${fmt(slo)} ms`, true)],
    });
  },
});
