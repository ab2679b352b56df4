/**
 * The outline of a card: the release, its artifacts, baseline and SLO, each gate (computed from a
 * definition, or only asserted), deferrals, post-release verification and the rollout. Each symbol
 * spans its whole entry and selects its key, through the one position converter. Built from the
 * YAML tree, so a card with errors still has an outline.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { isMap, isNode, isPair, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { Range } from '../../card/findings';
import type { Card } from '../../card/model';

/** How one top-level key becomes a symbol. */
type Builder = (card: Card, pair: Pair) => DocumentSymbol;

/** The top-level sections shown in the outline, in the order they are written in the card. */
const SECTIONS: Readonly<Record<string, Builder>> = {
  release_id: (card, pair) => symbol(card, pair, 'release', SymbolKind.Package, scalarText(pair.value)),
  artifacts: (card, pair) => symbol(card, pair, 'artifacts', SymbolKind.Module, undefined, entries(card, pair.value, artifactSymbol)),
  baseline: (card, pair) => symbol(card, pair, 'baseline', SymbolKind.Namespace, field(pair.value, 'release_id') ?? field(pair.value, 'model_uri')),
  slo: (card, pair) => symbol(card, pair, 'slo', SymbolKind.Namespace, sloDetail(pair.value)),
  gates: (card, pair) => symbol(card, pair, 'gates', SymbolKind.Namespace, undefined, entries(card, pair.value, gateSymbol)),
  deferrals: (card, pair) => symbol(card, pair, 'deferrals', SymbolKind.Array, undefined, deferralSymbols(card, pair.value)),
  post_release: (card, pair) => symbol(card, pair, 'post_release', SymbolKind.Namespace, postReleaseDetail(pair.value)),
  rollout: (card, pair) => symbol(card, pair, 'rollout', SymbolKind.Event, rolloutDetail(pair.value)),
};

/** The outline of a parsed card (empty when the card is not a mapping). */
export function cardSymbols(card: Card): DocumentSymbol[] {
  const root = card.doc?.contents;
  if (!isMap(root)) return [];
  const out: DocumentSymbol[] = [];
  for (const pair of root.items) {
    const key = isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined;
    const build = key !== undefined && Object.hasOwn(SECTIONS, key) ? SECTIONS[key] : undefined;
    if (build) out.push(build(card, pair));
  }
  return out;
}

/** A symbol for a key and its value: range over both, selection on the key. */
function symbol(card: Card, pair: Pair, name: string, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const selectionRange = card.range(pair);
  const s: DocumentSymbol = { name, kind, range: span(card, selectionRange, pair.value), selectionRange };
  if (detail) s.detail = detail;
  if (children) s.children = children;
  return s;
}

/** From a start range to the end of a value node (or the start range alone when there is no value). */
function span(card: Card, start: Range, value: unknown): Range {
  if (!isNode(value) || !value.range) return start;
  return { start: start.start, end: card.range(value).end };
}

/** One symbol per entry of a mapping value. */
function entries(card: Card, value: unknown, build: (card: Card, pair: Pair, key: string) => DocumentSymbol): DocumentSymbol[] {
  if (!isMap(value)) return [];
  return value.items.filter((p) => isPair(p) && isScalar(p.key)).map((p) => build(card, p, String((p.key as { value: unknown }).value)));
}

/** An artifact: its pinned reference as detail, when written as a scalar. */
function artifactSymbol(card: Card, pair: Pair, key: string): DocumentSymbol {
  const isObject = isMap(pair.value) || isSeq(pair.value);
  return symbol(card, pair, key, isObject ? SymbolKind.Object : SymbolKind.Field, scalarText(pair.value));
}

/** A gate: `performance` defined (computed from evidence), or `performance_gate: pass` asserted. */
function gateSymbol(card: Card, pair: Pair, key: string): DocumentSymbol {
  const asserted = key.endsWith('_gate');
  const name = asserted ? key.slice(0, -'_gate'.length) : key;
  const detail = asserted ? `asserted: ${scalarText(pair.value) ?? 'empty'}` : 'defined';
  return symbol(card, pair, name, asserted ? SymbolKind.Boolean : SymbolKind.Function, detail);
}

/** One symbol per deferral, named by its gate, with owner and deadline as detail. */
function deferralSymbols(card: Card, value: unknown): DocumentSymbol[] {
  if (!isSeq(value)) return [];
  const out: DocumentSymbol[] = [];
  for (const item of value.items) {
    if (!isMap(item) || !item.range) continue;
    const gate = item.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'gate');
    const range = card.range(item);
    const selectionRange = gate ? card.range(gate) : range;
    const detail = [field(item, 'owner'), field(item, 'deadline') ? `until ${field(item, 'deadline')}` : undefined].filter(Boolean).join(' · ');
    const s: DocumentSymbol = { name: field(item, 'gate') ?? 'deferral', kind: SymbolKind.Object, range, selectionRange };
    if (detail) s.detail = detail;
    out.push(s);
  }
  return out;
}

/** `99.9 % over 30 days`. */
function sloDetail(value: unknown): string | undefined {
  const objective = field(value, 'objective_percent');
  if (objective === undefined) return undefined;
  const days = field(value, 'period_days');
  return days ? `${objective} % over ${days} days` : `${objective} %`;
}

/** `@maria.k · 24 h`. */
function postReleaseDetail(value: unknown): string | undefined {
  const hours = field(value, 'window_hours');
  return [field(value, 'verification_owner'), hours ? `${hours} h` : undefined].filter(Boolean).join(' · ') || undefined;
}

/** `canary · 5 → 25 → 50 → 100`. */
function rolloutDetail(value: unknown): string | undefined {
  const steps = isMap(value) ? value.get('steps', true) : undefined;
  const list = isSeq(steps) ? steps.items.map(scalarText).filter((s): s is string => s !== undefined).join(' → ') : undefined;
  return [field(value, 'strategy'), list || undefined].filter(Boolean).join(' · ') || undefined;
}

/** The text of a scalar child of a mapping node. */
function field(value: unknown, key: string): string | undefined {
  return isMap(value) ? scalarText((value as YAMLMap).get(key, true)) : undefined;
}

/** The text of a scalar node, or undefined for collections and missing values. */
function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}
