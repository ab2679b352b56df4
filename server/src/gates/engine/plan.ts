/**
 * Decides, for each gate, what a run does with it: compute a definition, report an asserted status,
 * accept a valid deferral, or report the gate as missing. Pure: the card and the clock only.
 */
import type { Card, CardPath } from '../../card/model';
import { gateById } from './registry';
import type { CheckResult, GateDefinition, GateId, GateResult } from './types';

/** Gates the small-internal-service profile lets a team defer (with an owner and a deadline). */
export const OPTIONAL_IN_SMALL_PROFILE: readonly GateId[] = ['robustness', 'cost', 'observability'];

/** A gate deferred validly: it is listed in the run and does not block. */
export interface DeferredGate {
  gate: GateId;
  owner: string;
  /** `YYYY-MM-DD`, not before the run's date. */
  deadline: string;
  reason?: string;
  at: CardPath;
}

/** What the engine will do with one gate. */
export type GatePlan =
  | { kind: 'compute'; gate: GateDefinition; definition: Record<string, unknown>; base: CardPath }
  | { kind: 'result'; result: GateResult }
  | { kind: 'deferred'; deferred: DeferredGate };

/** The deadline as `YYYY-MM-DD`, whether YAML gave a string or a date. */
function dateText(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

/** One error check as a whole gate result. */
function errorGate(id: GateId, check: CheckResult, asserted = false): GatePlan {
  return { kind: 'result', result: { gate: id, status: 'error', checks: [check], ...(asserted ? { asserted } : {}) } };
}

/** The plan for an asserted `<gate>_gate: pass|fail`. */
function assertedPlan(id: GateId, status: unknown): GatePlan {
  const at: CardPath = ['gates', `${id}_gate`];
  if (status === 'fail') {
    const check: CheckResult = {
      id: 'asserted', status: 'fail', observed: 'fail', at,
      message: `The card asserts ${id}_gate: fail. The release is blocked by its own card; fix what failed and replace the assertion by a '${id}:' definition with evidence.`,
    };
    return { kind: 'result', result: { gate: id, status: 'fail', checks: [check], asserted: true } };
  }
  return errorGate(id, {
    id: 'asserted', status: 'error', observed: String(status), at,
    message: `asserted, not computed: add a definition with evidence. The card says ${id}_gate: ${String(status)}, but a hand-written status proves nothing about this bundle, so it blocks the release; replace it by '${id}:' with thresholds and evidence paths.`,
  }, true);
}

/** Finds the deferral entry for a gate, with its index. */
function findDeferral(card: Card, id: GateId): { entry: Record<string, unknown>; index: number } | undefined {
  const list = card.get(['deferrals']);
  if (!Array.isArray(list)) return undefined;
  const index = list.findIndex((d) => d !== null && typeof d === 'object' && (d as Record<string, unknown>).gate === id);
  return index >= 0 ? { entry: list[index] as Record<string, unknown>, index } : undefined;
}

/** The plan for a gate with no definition and no assertion: deferred when that is allowed, else missing. */
function undefinedPlan(card: Card, id: GateId, now: Date): GatePlan {
  const small = card.get(['profile']) === 'small-internal-service';
  const deferral = findDeferral(card, id);
  if (!deferral) {
    const hint = small && OPTIONAL_IN_SMALL_PROFILE.includes(id) ? ` or defer it under 'deferrals' with an owner and a deadline` : '';
    return errorGate(id, { id: 'missing', status: 'error', at: ['gates'], message: `The ${id} gate is missing from the card. Every required gate must be computed before the release takes traffic; add a '${id}:' definition with evidence${hint}.` });
  }
  const at: CardPath = ['deferrals', deferral.index];
  if (!small || !OPTIONAL_IN_SMALL_PROFILE.includes(id)) {
    const why = small ? 'the small-internal-service profile still requires data, quality, performance and rollback' : 'the full profile requires all seven gates';
    return errorGate(id, { id: 'deferral', status: 'error', at, message: `The ${id} gate is deferred, but ${why}. A deferred required gate blocks the release; define the gate with evidence.` });
  }
  const owner = typeof deferral.entry.owner === 'string' ? deferral.entry.owner.trim() : '';
  const deadline = dateText(deferral.entry.deadline);
  const today = now.toISOString().slice(0, 10);
  if (owner === '' || deadline === undefined || deadline < today) {
    const what = owner === '' ? 'has no owner' : deadline === undefined ? 'has no deadline' : `passed its deadline (${deadline})`;
    return errorGate(id, { id: 'deferral', status: 'error', at, message: `The deferral of the ${id} gate ${what}. A deferral is accepted only with an owner and a deadline not yet past, or the temporary simplification becomes permanent risk; set both, or define the gate.` });
  }
  const reason = typeof deferral.entry.reason === 'string' ? deferral.entry.reason : undefined;
  return { kind: 'deferred', deferred: { gate: id, owner, deadline, at, ...(reason ? { reason } : {}) } };
}

/** The plan for one gate of the card at `now`; `lookup` finds implementations (the registry by default). */
export function planGate(card: Card, id: GateId, now: Date, lookup: (id: GateId) => GateDefinition | undefined = gateById): GatePlan {
  const gates = card.object(['gates']) ?? {};
  const definition = gates[id];
  if (definition !== null && typeof definition === 'object' && !Array.isArray(definition)) {
    const gate = lookup(id);
    if (!gate) {
      return errorGate(id, { id: 'not_implemented', status: 'error', at: ['gates', id], message: `The ${id} gate cannot be computed by this version of Release Gates. It blocks the release until it can; update the tool.` });
    }
    return { kind: 'compute', gate, definition: definition as Record<string, unknown>, base: ['gates', id] };
  }
  if (Object.hasOwn(gates, `${id}_gate`)) return assertedPlan(id, gates[`${id}_gate`]);
  return undefinedPlan(card, id, now);
}
