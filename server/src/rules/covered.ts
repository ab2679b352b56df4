/**
 * One fact, one finding. Some rules check, before any run, a fact that a gate also computes (the
 * rollback gate checks the runbook's owner and test date). Where the gate's results are shown
 * beside the rule's findings, the gate's failed check is the finding and the rule's is left out.
 * A covering check that passed leaves the rule's finding in place: the fact may have changed since
 * (a runbook that was fresh at the run can be too old now).
 */
import type { Finding } from '../card/findings';
import { ruleById } from './registry';

/** The part of a gate result this needs: its checks' ids and statuses (run results and records alike). */
export interface CoveringGate {
  gate: string;
  checks: readonly { id: string; status: string }[];
}

/** The findings without those of rules whose fact a shown gate check already reports as failed or undecided. */
export function withoutCoveredFindings<F extends Pick<Finding, 'code'>>(findings: readonly F[], gates: readonly CoveringGate[]): F[] {
  const failed = new Set<string>();
  for (const g of gates) {
    // A record may come from a pull request: entries without their shape cover nothing.
    if (!Array.isArray(g?.checks)) continue;
    for (const c of g.checks) if (typeof c?.id === 'string' && c.status !== 'pass') failed.add(`${g.gate}\u0000${c.id}`);
  }
  if (failed.size === 0) return [...findings];
  return findings.filter((f) => {
    const covered = ruleById(f.code)?.meta.coveredBy;
    return !covered || !covered.checks.some((id) => failed.has(`${covered.gate}\u0000${id}`));
  });
}
