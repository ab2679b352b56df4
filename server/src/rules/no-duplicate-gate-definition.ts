/** A gate is either asserted or defined. With both, readers disagree on which one decides. */
import { deleteLineFix } from './fixes';
import { defineRule } from './types';
import { assertedGates } from './values';

/** Flags `<gate>_gate` next to a `<gate>:` definition (the schema cannot express "not both"). */
export const noDuplicateGateDefinition = defineRule({
  meta: {
    id: 'no-duplicate-gate-definition',
    severity: 'error',
    summary: 'A gate is both asserted (`<gate>_gate`) and defined (`<gate>:`).',
    fix: 'replace',
  },
  check(card, report) {
    for (const { gate, key, pair, status, defined } of assertedGates(card)) {
      if (!defined) continue;
      const inline = card.range(pair).start.line === card.range(card.anchor(['gates', gate])).start.line;
      report(pair, `The ${gate} gate is both asserted (${key}: ${String(status)}) and defined (${gate}:). A reader of the card sees the asserted status while the run computes another, so the card can say "pass" for a gate that fails. Remove ${key}; the definition decides.`, {
        fixes: [inline ? undefined : deleteLineFix(card, pair, `Remove ${key}`)],
      });
    }
  },
});
