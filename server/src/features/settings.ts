/** Server settings: from initialization options, then `workspace/configuration` when the client has it. */
import { SEVERITY_SETTINGS, type SeveritySetting } from '../config/project-config';

/** What the server needs to know from the user. */
export interface ServerSettings {
  cardGlobs: string[];
  maxFileSizeKiB: number;
  /** Rule severities set in the editor; they win over the project's `.release-gates.yaml`. */
  rules: Record<string, SeveritySetting>;
}

/** Defaults used when the client sends nothing (Neovim, Helix, a bare LSP client). */
export const DEFAULT_SETTINGS: ServerSettings = { cardGlobs: [], maxFileSizeKiB: 2048, rules: {} };

/** Merges a loosely-typed settings object (`releaseGates` section) over the defaults, ignoring wrong types. */
export function readSettings(raw: unknown, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  const obj = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const globs = Array.isArray(obj['cardGlobs']) ? obj['cardGlobs'].filter((g): g is string => typeof g === 'string') : base.cardGlobs;
  const size = typeof obj['maxFileSizeKiB'] === 'number' && obj['maxFileSizeKiB'] > 0 ? obj['maxFileSizeKiB'] : base.maxFileSizeKiB;
  return { cardGlobs: globs, maxFileSizeKiB: size, rules: readRules(obj['rules'], base.rules) };
}

/** Keeps only well-formed `rule-id: severity` entries; unknown ids are harmless and ignored. */
function readRules(raw: unknown, base: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return base;
  const out: Record<string, SeveritySetting> = {};
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value)) out[id] = value as SeveritySetting;
  }
  return out;
}
