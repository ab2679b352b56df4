/** The quality gate (placeholder until its checks land; every run is an error, never a silent pass). */
import type { GateDefinition } from './types';

/** The quality gate definition. */
export const qualityGate: GateDefinition = {
  id: 'quality',
  title: 'Quality gate',
  summary: 'Not implemented yet.',
  evidence: () => [],
  compute: (ctx) => [{ id: 'not_implemented', status: 'error', message: 'The quality gate is not implemented in this build yet.', at: ctx.base }],
};
