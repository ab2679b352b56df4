/**
 * How `review` names and shows parts of a card: the identity of list items (a slice by its name,
 * a deferral by its gate), the word for each list's items, and values formatted for people.
 */
import type { CardPath } from '../card/model';
import { thresholdText } from '../policy/format';
import { isObject } from './change';

/** The key that identifies an item of a list, by the list's path pattern (`*` for any index). */
const IDENTITY: Readonly<Record<string, readonly string[]>> = {
  'gates.quality.slices': ['name'],
  'gates.quality.target_ranges': ['name'],
  'gates.robustness.suites': ['name'],
  'gates.data.freshness': ['source'],
  'gates.observability.alerts': ['name'],
  'gates.observability.burn_rate_windows': ['long_window', 'short_window'],
  'deferrals': ['gate'],
  'artifacts.model_signature.inputs': ['name'],
  'artifacts.model_signature.outputs': ['name'],
};

/** What one item of a list is called in messages. */
const ITEM_WORD: Readonly<Record<string, string>> = {
  'gates.quality.slices': 'slice',
  'gates.quality.target_ranges': 'target range',
  'gates.robustness.suites': 'suite',
  'gates.data.freshness': 'freshness source',
  'gates.observability.alerts': 'alert rule',
  'gates.observability.burn_rate_windows': 'burn-rate window',
  'gates.data.drift.critical_columns': 'critical drift column',
  'gates.data.drift.columns': 'drift column',
  'gates.observability.required_spans': 'required span',
  'rollout.auto_rollback_on': 'auto-rollback condition',
  'deferrals': 'deferral',
};

/**
 * Lists whose items each allow something (an accepted category, a cost category left out): adding
 * one loosens the gate, removing one tightens it. Every other list's items are checks.
 */
const ALLOWANCES = new Set(['gates.data.fields.*.enum', 'gates.cost.not_applicable_categories']);

/** The pattern of a card path: indices become `*`; mapping keys under maps of user names too. */
export function patternOf(path: CardPath): string {
  return path.map((s, i) => (typeof s === 'number' || USER_KEYS.has(patternOfPrefix(path, i)) ? '*' : s)).join('.');
}

/** Mappings whose keys are the user's names (columns, planes, parameters), not card keys. */
const USER_KEYS = new Set(['gates.data.fields', 'gates.data.drift.per_column', 'labels', 'artifacts.thresholds', 'artifacts.runtime_parameters', 'gates.observability.planes']);

/** True when a mapping's keys are the user's names (a column, a plane), which a rename may change. */
export function isUserKeyMap(pattern: string): boolean {
  return USER_KEYS.has(pattern);
}

function patternOfPrefix(path: CardPath, i: number): string {
  return path.slice(0, i).map((s) => (typeof s === 'number' ? '*' : s)).join('.');
}

/** The identity of a list item (a slice's name), or undefined when the list has none or the item lacks it. */
export function identityOf(listPattern: string, item: unknown): string | undefined {
  const keys = IDENTITY[listPattern];
  if (!keys || !isObject(item)) return undefined;
  const parts = keys.map((k) => item[k]);
  return parts.every((p) => typeof p === 'string' || typeof p === 'number') ? parts.join(' / ') : undefined;
}

/** The identity keys of a list, so a rename compares the rest of the item. */
export function identityKeys(listPattern: string): readonly string[] {
  return IDENTITY[listPattern] ?? [];
}

/** The word for an item of a list (`slice`), or `item`. */
export function itemWord(listPattern: string): string {
  return ITEM_WORD[listPattern] ?? 'item';
}

/** True when the list's items allow rather than check. */
export function isAllowanceList(listPattern: string): boolean {
  return ALLOWANCES.has(listPattern);
}

/** A value as a person reads it: a threshold with its unit, a short list, an item by its name. */
export function showValue(value: unknown, key: string | number | undefined, identity?: string): string {
  if (value === undefined) return 'not set';
  if (identity !== undefined) return `"${identity}"`;
  if (Array.isArray(value)) {
    const shown = value.slice(0, 6).map((v) => (isObject(v) || Array.isArray(v) ? '{…}' : showValue(v, key)));
    return `[${shown.join(', ')}${value.length > 6 ? `, … (${value.length} in all)` : ''}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    return `{${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}}`;
  }
  if (typeof value === 'number') return thresholdText(typeof key === 'string' ? key : '', value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One step of a path as a person reads it: `.key`, `["cold start"]` for a named item, `[2]`. */
export function displayStep(seg: string | number, identity?: string): string {
  if (identity !== undefined) return `["${identity}"]`;
  return typeof seg === 'number' ? `[${seg}]` : `.${seg}`;
}
