/**
 * What a gate asks the evidence layer for, and what it gets back. Declared here, below the gates,
 * so the loaders never import the gate engine.
 */
import type { CardPath } from '../card/model';
import type { EvidenceProblem } from './types';

/** What a gate asks the engine to load before it computes. */
export interface EvidenceRequest {
  /** Key under which the loaded evidence is handed back to the gate. */
  key: string;
  /** The path as written in the card, relative to the card file. */
  path: string;
  /** Card path of the property that names the evidence (for located errors). */
  at: CardPath;
  kind: 'table' | 'document' | 'traces' | 'prom-rules' | 'text';
  /** Declared column types and minimum rows for tables. */
  table?: { types?: Record<string, 'numeric' | 'categorical' | 'boolean' | 'timestamp'>; minRows?: number };
}

/** Evidence as handed to a gate: loaded, or the problems that kept it from loading. */
export type LoadedEvidence =
  | { ok: true; request: EvidenceRequest; value: unknown; sha256: string }
  | { ok: false; request: EvidenceRequest; problems: readonly EvidenceProblem[] };
