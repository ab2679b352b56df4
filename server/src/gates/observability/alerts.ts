/**
 * Ownership checks of the observability gate: every alert, whether declared in the card's `alerts`
 * or deployed in the rules file, needs an owner and a runbook. An alert nobody owns is noise at
 * 3 a.m.; the source lists "alerts exist, but ownership and runbook are not assigned" among the
 * anti-patterns that must block a release.
 */
import type { CardPath } from '../../card/model';
import type { PromRule, PromRuleFile } from '../../evidence';
import { slug } from '../engine/loaded-evidence';
import type { CheckResult } from '../engine/types';

/** One alert from the card. */
interface CardAlert {
  index: number;
  name: string;
  owner: string | undefined;
  runbook: string | undefined;
}

/** Reads the card's `alerts` list. */
function cardAlerts(list: unknown): CardAlert[] {
  if (!Array.isArray(list)) return [];
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  return list.flatMap((raw: unknown, index): CardAlert[] => {
    const a = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const name = str(a.name);
    return name ? [{ index, name, owner: str(a.owner), runbook: str(a.runbook) }] : [];
  });
}

/** The check of one alert name, merging what the card and the rules file say about it. */
function alertCheck(name: string, card: CardAlert | undefined, rule: PromRule | undefined, rules: PromRuleFile | undefined, base: CardPath): CheckResult {
  const owner = card?.owner ?? rule?.owner;
  const runbook = card?.runbook ?? rule?.runbook;
  const where = rule ? `${rules?.file}${rule.line ? `:${rule.line}` : ''}` : 'the card';
  const evidence = rule && rules ? { evidence: { file: rules.file, ...(rule.line ? { line: rule.line } : {}) } } : {};
  const cardAt = (k: string): CardPath => (card ? [...base, 'alerts', card.index, k] : [...base, 'alert_rules']);
  // The id is stable and machine-friendly; the label keeps the alert's own spelling.
  const id = `alert.${slug(name)}`;
  const label = `alert ${name}`;
  if (card && rules && !rule) {
    return { id, label, status: 'fail', observed: null, summary: `declared in the card, not deployed in ${rules.file}`, at: [...base, 'alerts', card.index, 'name'], message: `Alert '${name}' is declared in the card but not in ${rules.file}, so it will never fire. Deploy the rule or remove it from the card.` };
  }
  const missing = [owner ? '' : 'owner', runbook ? '' : 'runbook'].filter((m) => m !== '');
  if (missing.length > 0) {
    const fix = rule ? `add labels.owner / annotations.runbook_url to the rule, or list it under alerts with owner and runbook` : 'add owner and runbook to its entry under alerts';
    const lacking = `no ${missing.join(' and no ')}`;
    return { id, label, status: 'fail', observed: lacking, threshold: 'an owner and a runbook', summary: `${lacking}; every alert needs an owner and a runbook`, at: cardAt(owner ? 'runbook' : 'owner'), ...evidence, message: `Alert '${name}' (${where}) has ${lacking}: when it fires nobody is responsible and nobody knows what to do, which is blind operations after rollout. Either ${fix}.` };
  }
  return { id, label, status: 'pass', observed: `${owner}; ${runbook}`, threshold: 'an owner and a runbook', summary: `owned by ${owner}, runbook ${runbook}`, at: cardAt('owner'), ...evidence, message: `Alert '${name}' is owned by ${owner} with runbook ${runbook}.` };
}

/** One check per alert name in the card or the rules file (card order first), or a fail when there is none. */
export function alertChecks(list: unknown, rules: PromRuleFile | undefined, base: CardPath): CheckResult[] {
  const fromCard = cardAlerts(list);
  const fromFile = (rules?.rules ?? []).filter((r) => r.kind === 'alert');
  const names = [...new Set([...fromCard.map((a) => a.name), ...fromFile.map((r) => r.name)])];
  if (names.length === 0) {
    return [{ id: 'alerts', status: 'fail', observed: 0, at: [...base, 'alerts'], message: 'No alert is declared in the card or found in a rules file, so nobody would be told when the release misbehaves. Add SLO burn-rate alerts with owners and runbooks.' }];
  }
  return names.map((n) => alertCheck(n, fromCard.find((a) => a.name === n), fromFile.find((r) => r.name === n), rules, base));
}
