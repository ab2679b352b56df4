/**
 * What counts as a pinned reference. A release is reproducible only when every artifact reference
 * names one immutable version: a version tag, a commit, a digest, a registry version number.
 */

/** Tags and branch names that move: a reference to one of them is not a version. */
const FLOATING = new Set([
  'latest', 'main', 'master', 'develop', 'dev', 'trunk', 'head', 'stable', 'current', 'edge', 'nightly',
  'release', 'prod', 'production', 'staging', 'canary', 'next', 'snapshot', 'default', 'candidate',
]);

/** A reference split into the part before its version and the version (if any). */
export interface RefParts {
  /** Offset in the reference where the version starts (after `:` or `@`), or the reference length. */
  versionStart: number;
  version: string | undefined;
}

/** Splits `name:tag`, `name@commit` or `registry:5000/name:tag` into name and version. */
export function splitRef(ref: string): RefParts {
  const lastSlash = ref.lastIndexOf('/');
  const tail = ref.slice(lastSlash + 1);
  const at = Math.max(tail.lastIndexOf(':'), tail.lastIndexOf('@'));
  if (at < 0) return { versionStart: ref.length, version: undefined };
  return { versionStart: lastSlash + 1 + at + 1, version: tail.slice(at + 1) };
}

/**
 * Why a reference is not pinned (a short phrase for the message), or undefined when it is pinned.
 * Digests (`@sha256:…`) always count as pinned.
 */
export function unpinnedReason(ref: string): string | undefined {
  const s = ref.trim();
  // A reference that is only a placeholder is a missing part of the bundle (another rule says so).
  if (/^<[^<>]*>$/.test(s)) return undefined;
  if (/<[^<>]*>/.test(s)) return 'is still a placeholder';
  if (/@sha256:[0-9a-f]{12,}$/i.test(s)) return undefined;
  const { version } = splitRef(s);
  if (version === undefined || version === '') return 'names no version';
  const v = version.toLowerCase();
  if (FLOATING.has(v)) return `uses the moving tag or branch "${version}"`;
  if (/[*^~]|(^|\.)x($|\.)|^>=?|-snapshot$/i.test(v)) return `uses the version range "${version}"`;
  return undefined;
}

/** Why a model URI does not name one fixed model version, or undefined when it does. */
export function unpinnedModelReason(uri: string): string | undefined {
  const m = /^models:\/[^\s/@]+\/([^\s/]+)$/.exec(uri.trim());
  if (m) {
    const v = m[1] ?? '';
    if (v === 'latest') return 'points at "latest", which moves with every registration';
    if (/^(None|Staging|Production|Archived)$/.test(v)) return `points at the legacy stage "${v}", which MLflow deprecated and which moves when anyone transitions a version`;
    return undefined;
  }
  if (/^models:\//.test(uri) || /^runs:\//.test(uri)) return undefined;
  if (/(^|\/)latest(\/|$)/i.test(uri)) return 'has "latest" in its path';
  return undefined;
}
