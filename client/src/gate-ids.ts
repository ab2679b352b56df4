/** The gate ids, without `vscode`, so pure client modules can use them in any test. */
import type { WireGateId } from '../../server/src/protocol';

/** The seven gates in the order the card and the reports list them. */
export const GATE_IDS: readonly WireGateId[] = ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'];
