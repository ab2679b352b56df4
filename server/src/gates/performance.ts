/** The performance gate (placeholder until its checks land; every run is an error, never a silent pass). */
import type { GateDefinition } from './types';

/** The performance gate definition. */
export const performanceGate: GateDefinition = {
  id: 'performance',
  title: 'Performance gate',
  summary: 'Not implemented yet.',
  evidence: () => [],
  compute: (ctx) => [{ id: 'not_implemented', status: 'error', message: 'The performance gate is not implemented in this build yet.', at: ctx.base }],
};
