/**
 * The evidence step for Prometheus: runs the queries a gate's pure plan asks for against the
 * user-configured server and hands the numbers back like any loaded evidence, so gates stay free of
 * I/O. The server URL comes from the caller's configuration, never from the card.
 */
import { createHash } from 'node:crypto';
import type { CardPath } from '../card/model';
import { type PrometheusConfig, queryScalar, type ScalarOutcome } from '../prometheus/client';
import type { LoadedEvidence } from './requests';

/** What a gate asks Prometheus for: instant queries evaluated at one time, by id. */
export interface PrometheusRequest {
  /** Key under which the results are handed back to the gate. */
  key: string;
  /** Card path of the block that declared the queries. */
  at: CardPath;
  /** Evaluation time of every query. */
  end: Date;
  queries: readonly { id: string; query: string }[];
}

/** What the step hands back: the server it asked and each query's outcome, by query id. */
export interface PrometheusEvidence {
  url: string;
  results: Record<string, ScalarOutcome>;
}

/** Runs a gate's Prometheus queries; empty when no server is configured (the gate then reports why). */
export async function loadPrometheusEvidence(request: PrometheusRequest, config: PrometheusConfig | undefined, signal?: AbortSignal): Promise<LoadedEvidence[]> {
  if (config === undefined) return [];
  const value: PrometheusEvidence = { url: config.url, results: {} };
  for (const q of request.queries) value.results[q.id] = await queryScalar(config, q.query, request.end, signal);
  // Not a file: the "path" names the source for messages; the hash binds the results to the values read.
  const sha256 = createHash('sha256').update(JSON.stringify(value)).digest('hex');
  return [{ ok: true, request: { key: request.key, path: 'prometheus', at: request.at, kind: 'document' }, value, sha256 }];
}
