/**
 * What rules read from a card: the defensive readers (rules run even when the schema reported
 * errors, so every value may have the wrong type) and the card facts several rules share.
 */
import type { Pair } from 'yaml';
import type { Card, CardPath } from '../card/model';
import { list, obj, str } from '../card/read';
import { GATE_IDS, type GateId } from '../gates/engine/types';

/** The defensive readers every rule uses (one copy, in card/read.ts). */
export { list, num, obj, str } from '../card/read';

/** True for a value written as a placeholder to fill in, such as `<owner>` (what skeleton fixes insert). */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && /^\s*<[^<>]*>\s*$/.test(value);
}

/** True when a value is present and is not an empty string or a placeholder. */
export function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '' && !isPlaceholder(value);
  return true;
}

/** The gate definition mapping (`gates.<id>`), when written as a mapping. */
export function gateDefinition(card: Card, gate: GateId): Record<string, unknown> | undefined {
  return card.object(['gates', gate]);
}

/** The asserted status key of a gate (`<id>_gate`). */
export function assertedKey(gate: GateId): string {
  return `${gate}_gate`;
}

/** A `<gate>_gate: <status>` entry of the card, and whether the gate is also defined. */
export interface AssertedGate {
  gate: GateId;
  key: string;
  pair: Pair;
  /** The asserted value as written (normally pass or fail). */
  status: unknown;
  defined: boolean;
}

/** Every asserted gate status in the card, in gate order. */
export function assertedGates(card: Card): AssertedGate[] {
  const gates = card.object(['gates']);
  if (!gates) return [];
  const out: AssertedGate[] = [];
  for (const gate of GATE_IDS) {
    const key = assertedKey(gate);
    const pair = card.pair(['gates', key]);
    if (pair) out.push({ gate, key, pair, status: gates[key], defined: gates[gate] !== undefined });
  }
  return out;
}

/** True when the gate is written at all, asserted or defined. */
export function gatePresent(card: Card, gate: GateId): boolean {
  const gates = card.object(['gates']);
  return gates !== undefined && (gates[gate] !== undefined || gates[assertedKey(gate)] !== undefined);
}

/** One deferral entry with its card path. */
export interface DeferralEntry {
  index: number;
  path: CardPath;
  value: Record<string, unknown>;
  gate: GateId | undefined;
}

/** The deferral entries that are mappings. */
export function deferrals(card: Card): DeferralEntry[] {
  const out: DeferralEntry[] = [];
  list(card.get(['deferrals'])).forEach((item, index) => {
    const value = obj(item);
    if (!value) return;
    const gate = str(value['gate']);
    out.push({ index, path: ['deferrals', index], value, gate: isGateId(gate) ? gate : undefined });
  });
  return out;
}

/** True when a string is one of the seven gate ids. */
export function isGateId(value: string | undefined): value is GateId {
  return value !== undefined && (GATE_IDS as readonly string[]).includes(value);
}

/** The card's profile: `small-internal-service`, or `full` for anything else (the schema default). */
export function profile(card: Card): 'full' | 'small-internal-service' {
  return card.get(['profile']) === 'small-internal-service' ? 'small-internal-service' : 'full';
}

/** Parses a `YYYY-MM-DD` date (what YAML gives as a string, or a Date when unquoted timestamps are on). */
export function dateValue(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  const s = str(value);
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? undefined : d;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}

/** Formats a number the way a card writes it (no float noise such as 0.30000000000000004). */
export function fmt(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/** "a", "a and b", "a, b and c": lists in messages read as sentences. */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
