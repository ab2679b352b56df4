/** Server settings: from initialization options, then `workspace/configuration` when the client has it. */

/** What the server needs to know from the user. */
export interface ServerSettings {
  cardGlobs: string[];
  maxFileSizeKiB: number;
}

/** Defaults used when the client sends nothing (Neovim, Helix, a bare LSP client). */
export const DEFAULT_SETTINGS: ServerSettings = { cardGlobs: [], maxFileSizeKiB: 2048 };

/** Merges a loosely-typed settings object (`releaseGates` section) over the defaults, ignoring wrong types. */
export function readSettings(raw: unknown, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  const obj = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const globs = Array.isArray(obj['cardGlobs']) ? obj['cardGlobs'].filter((g): g is string => typeof g === 'string') : base.cardGlobs;
  const size = typeof obj['maxFileSizeKiB'] === 'number' && obj['maxFileSizeKiB'] > 0 ? obj['maxFileSizeKiB'] : base.maxFileSizeKiB;
  return { cardGlobs: globs, maxFileSizeKiB: size };
}
