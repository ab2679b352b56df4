/**
 * The rollback gate: one operation rolls back the whole bundle (model, preprocessing, thresholds,
 * runtime parameters, and the feature pipeline when it changed), the previous stable version of
 * every artifact is available, the RTO was measured in a recent drill and is under target, and the
 * runbook has an owner and was tested recently. The operation is recorded and compared, never run.
 */
import type { Card, CardPath } from '../../card/model';
import { drillChecks, readDrills } from './drill';
import { expectedArtifacts, inventoryCheck, readInventory, uncoveredArtifacts } from './inventory';
import { describeProblems, loadedTable } from '../engine/loaded-evidence';
import type { CheckResult, EvidenceRequest, GateContext, GateDefinition } from '../engine/types';

const INVENTORY = 'rollback.inventory';
const DRILLS = 'rollback.drills';
const DAY_MS = 86_400_000;

/** Parts every rollback must restore (the source's list). */
export const REQUIRED_SCOPE = ['model', 'preprocessing', 'thresholds', 'runtime_parameters'] as const;

/** Required scope for this card: the four parts, plus the feature pipeline when this release changes it. */
export function requiredScope(card: Card): string[] {
  const cand = card.get(['artifacts', 'feature_pipeline']);
  const prev = card.get(['baseline', 'artifacts', 'feature_pipeline']);
  const changed = cand !== undefined && JSON.stringify(cand) !== JSON.stringify(prev);
  return changed ? [...REQUIRED_SCOPE, 'feature_pipeline'] : [...REQUIRED_SCOPE];
}

/** The operation is present and a single step (no `&&`, `||`, `;` or line breaks chaining commands). */
function operationCheck(ctx: GateContext): CheckResult {
  const op = ctx.definition.operation;
  const at: CardPath = [...ctx.base, 'operation'];
  if (typeof op !== 'string' || op.trim() === '') {
    return { id: 'operation', status: 'fail', observed: null, at, message: 'No rollback operation is written down, so rollback would be improvised during an incident. Write the one command or pipeline that restores the previous release.' };
  }
  const chained = /&&|\|\||;|\n/.test(op.trim());
  return chained
    ? { id: 'operation', status: 'fail', observed: op, threshold: 'one step', at, message: `The rollback operation '${op}' chains several steps; a failure between them leaves a mixed bundle in production. Wrap the steps in one atomic operation (a single pipeline or command). Release Gates records it and never runs it.` }
    : { id: 'operation', status: 'pass', observed: op, threshold: 'one step', at, message: `Rollback is one operation: '${op}' (recorded, never executed by Release Gates).` };
}

/** The declared scope covers every required part. */
function scopeCheck(ctx: GateContext, required: readonly string[]): CheckResult {
  const scope = ctx.definition.scope;
  const at: CardPath = [...ctx.base, 'scope'];
  if (!Array.isArray(scope)) {
    return { id: 'scope', status: 'error', observed: null, threshold: required.join('|'), at, message: `The rollback scope is not declared, so nothing shows the operation restores ${required.join(', ')}. List them under scope.` };
  }
  const missing = required.filter((p) => !scope.includes(p));
  return missing.length === 0
    ? { id: 'scope', status: 'pass', observed: scope.join('|'), threshold: required.join('|'), at, message: `The operation restores the whole bundle (${scope.join(', ')}).` }
    : { id: 'scope', status: 'fail', observed: scope.join('|'), threshold: required.join('|'), at, summary: `does not restore ${missing.join(', ')}`, message: `The rollback operation does not restore ${missing.join(', ')}${missing.includes('feature_pipeline') ? ' (this release changes the feature pipeline)' : ''}; rolling back would pair the old model with new parts, a state that was never tested. Make the operation restore the whole bundle.` };
}

/** Inventory checks: one per baseline artifact, plus candidate artifacts with no previous version. */
function inventoryChecks(ctx: GateContext): CheckResult[] {
  const file = String(ctx.definition.inventory ?? '');
  const at: CardPath = [...ctx.base, 'inventory'];
  const expected = expectedArtifacts(ctx.card);
  if (expected.length === 0) return [{ id: 'inventory', status: 'error', at: ['baseline'], message: 'The card has no baseline artifacts, so there is no previous stable version to roll back to. Fill in baseline.artifacts with the versions now in production.' }];
  if (typeof ctx.definition.inventory !== 'string') return [{ id: 'inventory', status: 'error', at, message: 'No artifact inventory is given, so nothing shows the previous stable versions still exist. Export the registry inventory and name it under inventory.' }];
  const t = loadedTable(ctx, INVENTORY);
  const rows = t.ok ? readInventory(t.table) : describeProblems(t);
  if (typeof rows === 'string') return [{ id: 'inventory', status: 'error', at, message: `${rows} Without it the previous versions cannot be confirmed; regenerate the inventory.` }];
  const checks = expected.map((e) => inventoryCheck(file, e, rows, at));
  const uncovered = uncoveredArtifacts(ctx.card, expected);
  if (uncovered.length > 0) {
    checks.push({ id: 'inventory.baseline_coverage', status: 'fail', observed: uncovered.join(', '), at: ['baseline', 'artifacts'], message: `The release ships ${uncovered.join(', ')} but the baseline names no previous version of ${uncovered.length > 1 ? 'them' : 'it'}, so rollback cannot restore the full previous state. Add them to baseline.artifacts.` });
  }
  return checks;
}

/** Drill checks, or an error when the drill log is missing or unreadable. */
function drillLogChecks(ctx: GateContext, required: readonly string[]): CheckResult[] {
  const at: CardPath = [...ctx.base, 'drill_log'];
  if (typeof ctx.definition.drill_log !== 'string') return [{ id: 'drill.rto', status: 'error', at, message: 'No drill log is given, so the RTO is at best an estimate. Drill the rollback, record date, rto_seconds, measured and scope, and name the file under drill_log.' }];
  const file = ctx.definition.drill_log;
  const t = loadedTable(ctx, DRILLS);
  if (!t.ok) return [{ id: 'drill.rto', status: 'error', at, message: `${describeProblems(t)}. Without the drill log the RTO cannot be shown; fix the file.` }];
  const drills = readDrills(t.table, at);
  if (!Array.isArray(drills)) return [drills];
  const maxRto = ctx.definition.max_rto_minutes;
  const maxAge = ctx.definition.max_drill_age_days;
  return drillChecks(drills, { file, maxRtoMinutes: typeof maxRto === 'number' ? maxRto : undefined, maxAgeDays: typeof maxAge === 'number' ? maxAge : 90, requiredScope: required, base: ctx.base, now: ctx.now });
}

/** Runbook owner and last test date (within the drill age window). */
function runbookChecks(ctx: GateContext): CheckResult[] {
  const rb = ctx.card.object([...ctx.base, 'runbook']);
  const at = (k: string): CardPath => [...ctx.base, 'runbook', k];
  const maxAge = typeof ctx.definition.max_drill_age_days === 'number' ? ctx.definition.max_drill_age_days : 90;
  const owner = typeof rb?.owner === 'string' && rb.owner.trim() !== '' ? rb.owner : undefined;
  const ownerCheck: CheckResult = owner
    ? { id: 'runbook.owner', status: 'pass', observed: owner, at: at('owner'), message: `The runbook is owned by ${owner}.` }
    : { id: 'runbook.owner', status: 'fail', observed: null, at: at('owner'), message: 'The rollback runbook has no owner, so nobody keeps it current and nobody is sure to lead the rollback. Set runbook.owner.' };
  const tested = typeof rb?.last_tested === 'string' ? Date.parse(rb.last_tested) : NaN;
  if (Number.isNaN(tested)) {
    return [ownerCheck, { id: 'runbook.last_tested', status: 'fail', observed: null, threshold: maxAge, unit: 'days', comparison: 'at_most', summary: 'never tested (no last_tested date)', at: at('last_tested'), message: 'The runbook has no last_tested date, so it may never have been exercised. Test it in a simulation or drill and record the date.' }];
  }
  const age = Math.floor((ctx.now.getTime() - tested) / DAY_MS);
  const pass = age <= maxAge && age >= 0;
  return [ownerCheck, { id: 'runbook.last_tested', status: pass ? 'pass' : 'fail', observed: age, threshold: maxAge, unit: 'days', comparison: 'at_most', at: at('last_tested'),
    message: pass
      ? `The runbook was tested ${age} days ago (${rb?.last_tested}), within ${maxAge} days.`
      : age < 0 ? `runbook.last_tested (${rb?.last_tested}) is in the future. Record the date the runbook was actually tested.` : `The runbook was last tested ${age} days ago (${rb?.last_tested}), more than ${maxAge} days: it likely no longer matches this bundle. Exercise it again and update the date.` }];
}

/** The rollback gate definition. */
export const rollbackGate: GateDefinition = {
  id: 'rollback',
  title: 'Rollback gate',
  summary: 'Blocks releases that cannot be rolled back in one drilled operation to a complete, available previous bundle.',
  evidence(definition, base): EvidenceRequest[] {
    const out: EvidenceRequest[] = [];
    if (typeof definition.inventory === 'string') out.push({ key: INVENTORY, path: definition.inventory, at: [...base, 'inventory'], kind: 'table', table: { types: { artifact: 'categorical', version: 'categorical', available: 'boolean' } } });
    if (typeof definition.drill_log === 'string') out.push({ key: DRILLS, path: definition.drill_log, at: [...base, 'drill_log'], kind: 'table', table: { types: { date: 'timestamp', rto_seconds: 'numeric', measured: 'boolean', scope: 'categorical' } } });
    return out;
  },
  compute(ctx): CheckResult[] {
    const required = requiredScope(ctx.card);
    return [operationCheck(ctx), scopeCheck(ctx, required), ...inventoryChecks(ctx), ...drillLogChecks(ctx, required), ...runbookChecks(ctx)];
  },
};
