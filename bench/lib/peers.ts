/**
 * The two language servers the LSP benches compare, started the same way: ours from the bundle,
 * and yaml-language-server configured with our card schema (its schema store off: it would fetch
 * a catalogue from the network). Shared by bench/lsp.ts and bench/responsiveness.ts.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../../test/lsp/harness';

const ROOT = resolve(__dirname, '../..');
const SCHEMA_URI = pathToFileURL(resolve(ROOT, 'schemas/release-card.schema.json')).href;

/** yaml-language-server's validation delay as shipped (yamlSettings.validationDelayMs). */
export const YAML_LS_DELAY_MS = 200;

/** A language server under test. */
export interface Peer {
  name: string;
  /** Milliseconds the server waits on purpose before validating. */
  delay: number;
  start(): Promise<LspClient>;
}

/** Our server, from `dist/server.js`. */
export const OURS: Peer = {
  name: 'release-gates',
  delay: 0,
  async start() {
    const c = new LspClient(process.execPath, [resolve(ROOT, 'dist/server.js'), '--stdio'], ROOT);
    await c.initialize(pathToFileURL(ROOT).href);
    return c;
  },
};

/** yaml-language-server with the card schema on `*.release.yaml`. */
export const YAML_LS: Peer = {
  name: 'yaml-language-server',
  delay: YAML_LS_DELAY_MS,
  async start() {
    const bin = resolve(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
    const c = new LspClient(process.execPath, [bin, '--stdio'], ROOT);
    const yaml = { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: { [SCHEMA_URI]: ['*.release.yaml'] } };
    c.configuration = (section) => (section === 'yaml' ? yaml : null);
    await c.initialize(pathToFileURL(ROOT).href, {}, { workspace: { configuration: true } });
    c.notify('workspace/didChangeConfiguration', { settings: { yaml } });
    return c;
  },
};

/** A publishDiagnostics notification's parameters. */
export type Published = { uri: string; version?: number; diagnostics: unknown[] };

/** Milliseconds since an hrtime start. */
export function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
