/**
 * Rule pages in the editor. The server links each finding to its page shipped beside the server
 * (`file:` URI into the extension's `docs/`); the client turns such links into a command that
 * renders the page, so the Problems panel and the hover open it as a document, not as raw markdown
 * and never as a website. Without `vscode`, so the mapping is tested in plain unit tests.
 */

/** The command that renders a shipped documentation page. */
export const SHOW_DOC_COMMAND = 'releaseGates.showDoc';

/** A page the command may open: a markdown file under `docs/`, with no way out of it. */
const PAGE = /^docs\/(?:[a-z0-9-]+\/)*[a-z0-9-]+\.md$/;

/** The page (`docs/…md`) a link points at inside the extension, or undefined for any other link. */
export function shippedPage(linkPath: string, extensionPath: string): string | undefined {
  const root = extensionPath.endsWith('/') ? extensionPath : `${extensionPath}/`;
  if (!linkPath.startsWith(root)) return undefined;
  const page = linkPath.slice(root.length);
  return PAGE.test(page) ? page : undefined;
}

/** The `command:` URI text that renders a page, for a diagnostic's code link. */
export function showDocCommandUri(page: string): string {
  return `command:${SHOW_DOC_COMMAND}?${encodeURIComponent(JSON.stringify([page]))}`;
}

/** True when a command argument names a page the command may open. */
export function isShippedPage(arg: unknown): arg is string {
  return typeof arg === 'string' && PAGE.test(arg);
}
