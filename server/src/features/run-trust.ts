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
