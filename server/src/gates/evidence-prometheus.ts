/**
 * The evidence step for Prometheus: runs the queries a gate's pure plan asks for against the
 * user-configured server and hands the numbers to the gate like any loaded evidence, so gates stay
 * free of I/O. Only the performance gate reads Prometheus today. The server URL comes from the
 * caller's configuration, never from the card.
 */
import { createHash } from 'node:crypto';
import type { CardPath } from '../card/model';
import { type PrometheusConfig, queryScalar } from '../prometheus/client';
import { PROM_KEY, type PrometheusEvidence, prometheusPlan } from './performance-prometheus';
import type { GateId, LoadedEvidence } from './types';

/** Runs a gate's Prometheus queries; empty when the gate has none or no server is configured. */
export async function loadPrometheusEvidence(
  gate: GateId, definition: Record<string, unknown>, base: CardPath, config: PrometheusConfig | undefined, signal?: AbortSignal,
): Promise<LoadedEvidence[]> {
  const block = definition.prometheus;
  if (gate !== 'performance' || block === null || typeof block !== 'object' || config === undefined) return [];
  const plan = prometheusPlan(definition, base);
  if ('status' in plan) return [];
  const value: PrometheusEvidence = { url: config.url, results: {} };
  for (const q of plan.queries) value.results[q.id] = await queryScalar(config, q.query, plan.end, signal);
  // Not a file: the "path" names the source for messages; the hash binds the results to the values read.
  const sha256 = createHash('sha256').update(JSON.stringify(value)).digest('hex');
  return [{ ok: true, request: { key: PROM_KEY, path: 'prometheus', at: [...base, 'prometheus'], kind: 'document' }, value, sha256 }];
}
