/**
 * The one list of gates the engine knows. Each gate lives in its own file; adding one is one import
 * and one entry here. The list is kept in the order of `GATE_IDS`, and `registeredGates` sorts by
 * that order anyway so an entry placed out of order cannot reorder reports.
 */
import { costGate } from '../cost';
import { dataGate } from '../data';
import { observabilityGate } from '../observability';
import { performanceGate } from '../performance';
import { qualityGate } from '../quality';
import { robustnessGate } from '../robustness';
import { rollbackGate } from '../rollback';
import { GATE_IDS, type GateDefinition, type GateId } from './types';

/** Every implemented gate, in report order. */
export const GATES = [dataGate, qualityGate, robustnessGate, performanceGate, costGate, observabilityGate, rollbackGate] as const satisfies readonly GateDefinition[];

/** The registered gates sorted by their position in `GATE_IDS`. */
export function registeredGates(): readonly GateDefinition[] {
  return [...GATES].sort((a, b) => GATE_IDS.indexOf(a.id) - GATE_IDS.indexOf(b.id));
}

/** The gate with this id, or undefined when this build does not implement it yet. */
export function gateById(id: GateId): GateDefinition | undefined {
  return (GATES as readonly GateDefinition[]).find((g) => g.id === id);
}

/** True when a string names one of the seven gates. */
export function isGateId(id: string): id is GateId {
  return (GATE_IDS as readonly string[]).includes(id);
}
