/** A deferred gate has an owner and a deadline still ahead; otherwise the deferral is permanent risk. */
import type { Card } from '../card/model';
import { insertKeysFix } from './fixes';
import type { Report } from './types';
import { defineRule } from './types';
import { dateValue, daysBetween, deferrals, filled, gatePresent, type DeferralEntry } from './values';

/** Flags deferrals without owner or deadline, past their deadline, duplicated, or of a gate that is defined. */
export const validDeferral = defineRule({
  meta: {
    id: 'valid-deferral',
    severity: 'error',
    summary: 'A deferral has no owner or deadline, is past its deadline, repeats, or defers a gate that is defined.',
    fix: 'skeleton',
  },
  check(card, report, { now }) {
    const seen = new Set<string>();
    for (const d of deferrals(card)) {
      const gateNode = card.node([...d.path, 'gate']) ?? card.anchor(d.path);
      if (d.gate && seen.has(d.gate)) {
        report(gateNode, `The ${d.gate} gate is deferred twice. Two deferrals can disagree on owner and deadline, and nobody knows which holds; keep one.`);
        continue;
      }
      if (d.gate) seen.add(d.gate);
      if (d.gate && gatePresent(card, d.gate)) {
        report(gateNode, `The ${d.gate} gate is deferred but also written under gates. The deferral is stale and hides whether the gate really runs; remove it.`);
        continue;
      }
      checkOwnerAndDeadline(card, d, now, report);
    }
  },
});

function checkOwnerAndDeadline(card: Card, d: DeferralEntry, now: Date, report: Report): void {
  const missing = (['owner', 'deadline'] as const).filter((k) => !filled(d.value[k]));
  const gate = d.gate ?? 'unnamed';
  if (missing.length > 0) {
    const absent = missing.filter((k) => d.value[k] === undefined);
    report(card.node([...d.path, 'gate']) ?? card.anchor(d.path), `The ${gate} gate deferral has no ${missing.join(' and no ')}. A deferral nobody owns, with no date, turns a temporary simplification into permanent risk. Name who adds the gate and by when.`, {
      fixes: [absent.length > 0 ? insertKeysFix(card, d.path, absent.map((k) => `${k}: <${k === 'owner' ? 'team' : 'YYYY-MM-DD'}>`), `Add ${absent.join(' and ')}`) : undefined],
    });
    return;
  }
  const deadline = dateValue(d.value['deadline']);
  const node = card.node([...d.path, 'deadline']);
  if (!deadline || !node) return;
  const overdue = daysBetween(deadline, now);
  if (overdue > 0) {
    report(node, `The ${gate} gate deferral expired ${overdue} day${overdue > 1 ? 's' : ''} ago (deadline ${d.value['deadline'] instanceof Date ? deadline.toISOString().slice(0, 10) : String(d.value['deadline'])}). The gate was due and is still missing, so this release ships the risk the deferral promised to remove. Add the gate, or agree a new deadline with its owner.`);
  }
}
