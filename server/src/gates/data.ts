/** The data gate (placeholder until its checks land; every run is an error, never a silent pass). */
import type { GateDefinition } from './types';

/** The data gate definition. */
export const dataGate: GateDefinition = {
  id: 'data',
  title: 'Data gate',
  summary: 'Not implemented yet.',
  evidence: () => [],
  compute: (ctx) => [{ id: 'not_implemented', status: 'error', message: 'The data gate is not implemented in this build yet.', at: ctx.base }],
};
