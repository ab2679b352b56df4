/**
 * Workspace trust for running gates. In restricted mode cards are still validated, but no gate
 * reads evidence or runs: evidence paths come from the card, and an untrusted card must not make
 * the editor read files on its behalf. VS Code sends `vscode.workspace.isTrusted`; other clients
 * are trusted unless they say otherwise.
 */

/** Why a run is refused in restricted mode, and what to do. */
export const RESTRICTED_MESSAGE = 'Gates do not run in restricted mode: this workspace is not trusted, so no evidence is read. Trust the workspace (or set releaseGates.trusted) to run the gates.';

/** The `trusted` flag of a `releaseGates` settings object, or the fallback when it is absent. */
export function readTrusted(section: unknown, fallback: boolean): boolean {
  if (section === null || typeof section !== 'object') return fallback;
  const value = (section as Record<string, unknown>)['trusted'];
  return typeof value === 'boolean' ? value : fallback;
}

/**
 * The Prometheus base URL from the `releaseGates.prometheusUrl` setting (user scope only; the
 * client never sends a workspace value): an http(s) URL, `undefined` when empty, `fallback` when
 * the section does not mention it. Anything else is ignored with the reason in `onInvalid`.
 */
export function readPrometheusUrl(section: unknown, fallback: string | undefined, onInvalid: (why: string) => void = () => undefined): string | undefined {
  if (section === null || typeof section !== 'object' || !('prometheusUrl' in section)) return fallback;
  const value = (section as Record<string, unknown>)['prometheusUrl'];
  if (value === '' || value === null || value === undefined) return undefined;
  if (typeof value !== 'string') {
    onInvalid('releaseGates.prometheusUrl must be a string');
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    onInvalid(`releaseGates.prometheusUrl "${value}" is not a URL; write it like http://127.0.0.1:9090`);
    return fallback;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    onInvalid(`releaseGates.prometheusUrl "${value}" must use http or https`);
    return fallback;
  }
  return value;
}
