/**
 * Model references by MLflow alias (`models:/<name>@<alias>`) in the bundle and its baseline. An
 * alias moves whenever someone re-points it, so a run must say which version it stood for. Release
 * Gates has no MLflow resolver yet (testing one needs a real MLflow server), so every record says
 * that the alias was not resolved rather than leaving the question open.
 */
import type { Card, CardPath } from '../card/model';

/** Where in a card a model may be referenced by alias. */
export const MODEL_REFERENCE_PATHS: readonly CardPath[] = [
  ['artifacts', 'model_uri'], ['artifacts', 'model_signature'],
  ['baseline', 'model_uri'], ['baseline', 'artifacts', 'model_uri'], ['baseline', 'artifacts', 'model_signature'],
];

/** One alias reference of a card. */
export interface ModelAliasRef {
  at: CardPath;
  uri: string;
  name: string;
  alias: string;
}

/** What a run record says about one alias reference. */
export interface RecordModelAlias {
  /** The card path of the reference. */
  at: (string | number)[];
  uri: string;
  alias: string;
  /** The version the alias pointed at during the run; null when it was not resolved. */
  resolved_version: string | null;
  /** How the version was found, or why it was not. */
  resolution: string;
}

/** Why the alias was not resolved, as every record written by this version says. */
export const NOT_RESOLVED = 'not resolved: Release Gates does not query MLflow, so this record cannot say which version the gates measured';

/** `name` and `alias` of `models:/<name>@<alias>`, or undefined for any other reference. */
export function parseModelAlias(uri: string): { name: string; alias: string } | undefined {
  const m = /^models:\/([^\s/@]+)@([A-Za-z0-9_-]+)$/.exec(uri.trim());
  return m ? { name: m[1] as string, alias: m[2] as string } : undefined;
}

/** Every alias reference of the card's bundle and baseline. */
export function modelAliasRefs(card: Card): ModelAliasRef[] {
  const out: ModelAliasRef[] = [];
  for (const at of MODEL_REFERENCE_PATHS) {
    const uri = card.get(at);
    if (typeof uri !== 'string') continue;
    const parsed = parseModelAlias(uri);
    if (parsed) out.push({ at, uri, ...parsed });
  }
  return out;
}

/** The record entries of the card's alias references: none is resolved by this version. */
export function recordModelAliases(card: Card): RecordModelAlias[] {
  return modelAliasRefs(card).map((r) => ({ at: [...r.at], uri: r.uri, alias: r.alias, resolved_version: null, resolution: NOT_RESOLVED }));
}

/** A record may come from a pull request: its alias entries are used only when they have their shape. */
export function isRecordModelAliases(x: unknown): x is RecordModelAlias[] {
  return Array.isArray(x) && x.every((e: Partial<RecordModelAlias> | null) =>
    typeof e === 'object' && e !== null && Array.isArray(e.at) && e.at.every((k) => typeof k === 'string' || typeof k === 'number')
    && typeof e.uri === 'string' && typeof e.alias === 'string' && typeof e.resolution === 'string'
    && (e.resolved_version === null || (typeof e.resolved_version === 'string' && /^[0-9]+$/.test(e.resolved_version))));
}
