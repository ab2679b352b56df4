/** A gate is either asserted or defined. With both, readers disagree on which one decides. */
import { GATE_IDS } from '../gates/types';
import { deleteLineFix } from './fixes';
import { defineRule } from './types';
import { assertedKey } from './values';

/** Flags `<gate>_gate` next to a `<gate>:` definition (the schema cannot express "not both"). */
export const noDuplicateGateDefinition = defineRule({
  meta: {
    id: 'no-duplicate-gate-definition',
    severity: 'error',
    summary: 'A gate is both asserted (`<gate>_gate`) and defined (`<gate>:`).',
    fix: 'replace',
  },
  check(card, report) {
    const gates = card.object(['gates']);
    if (!gates) return;
    for (const gate of GATE_IDS) {
      const key = assertedKey(gate);
      const pair = card.pair(['gates', key]);
      if (!pair || gates[gate] === undefined) continue;
      const inline = card.range(pair).start.line === card.range(card.anchor(['gates', gate])).start.line;
      report(pair, `The ${gate} gate is both asserted (${key}: ${String(gates[key])}) and defined (${gate}:). A reader of the card sees the asserted status while the run computes another, so the card can say "pass" for a gate that fails. Remove ${key}; the definition decides.`, {
        fixes: [inline ? undefined : deleteLineFix(card, pair, `Remove ${key}`)],
      });
    }
  },
});
