/**
 * Which gates a release needs depends on its profile: a full service needs all seven; a small
 * internal service needs data, quality, performance and rollback, and defers the rest explicitly.
 */
import type { Card } from '../card/model';
import { GATE_IDS, type GateId } from '../gates/engine/types';
import type { Report } from './types';
import { defineRule } from './types';
import { andList, deferrals, gatePresent, profile } from './values';

/** Gates a small internal service cannot defer. */
const SMALL_REQUIRED: readonly GateId[] = ['data', 'quality', 'performance', 'rollback'];

/** Flags gates the profile requires that are absent, and deferrals the profile does not allow. */
export const requireProfileGates = defineRule({
  meta: {
    id: 'require-profile-gates',
    severity: 'error',
    summary: 'A gate the profile requires is missing, or a gate is deferred that the profile does not allow to defer.',
    fix: 'none',
  },
  check(card, report) {
    if (!card.object(['gates'])) return;
    const p = profile(card);
    const deferred = new Set(deferrals(card).map((d) => d.gate));
    const required = p === 'full' ? GATE_IDS : SMALL_REQUIRED;
    const missing = required.filter((g) => !gatePresent(card, g) && !deferred.has(g));
    if (missing.length > 0) {
      report(card.anchor(['gates']), `The ${p} profile requires the ${andList(missing)} gate${missing.length > 1 ? 's' : ''}, which ${missing.length > 1 ? 'are' : 'is'} not in gates. A release that skips a required gate goes out with that risk unchecked. Define ${missing.length > 1 ? 'them' : 'it'}${p === 'full' ? ', or use profile: small-internal-service if this is one' : ''}.`);
    }
    if (p === 'small-internal-service') {
      const undecided = GATE_IDS.filter((g) => !SMALL_REQUIRED.includes(g) && !gatePresent(card, g) && !deferred.has(g));
      if (undecided.length > 0) {
        report(card.anchor(['gates']), `The ${andList(undecided)} gate${undecided.length > 1 ? 's are' : ' is'} neither defined nor deferred. A small internal service may add them later, but only as an explicit deferral with an owner and a deadline; otherwise the simplification becomes permanent.`);
      }
    }
    checkDeferrals(card, p, report);
  },
});

/** Deferrals of gates the profile requires. */
function checkDeferrals(card: Card, p: 'full' | 'small-internal-service', report: Report): void {
  for (const d of deferrals(card)) {
    if (!d.gate || (p === 'small-internal-service' && !SMALL_REQUIRED.includes(d.gate))) continue;
    const why = p === 'full'
      ? 'The full profile requires all seven gates, so nothing may be deferred; define the gate, or use profile: small-internal-service if this is one.'
      : `A small internal service still needs the ${d.gate} gate before release; only cost, robustness and observability may be deferred.`;
    report(card.node([...d.path, 'gate']) ?? card.anchor(d.path), `The ${d.gate} gate is deferred. ${why}`);
  }
}
