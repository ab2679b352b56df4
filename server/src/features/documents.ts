/** Decides which open documents are release cards, from their URI and the workspace folders. */
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';
import { isCardPath } from '../card/card-files';

/** The path of a URI: a file path for `file:` URIs, the URI path otherwise (untitled, virtual). */
export function uriPath(uri: string): string {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' ? fileURLToPath(url) : decodeURIComponent(url.pathname);
  } catch {
    return uri;
  }
}

/** True when the URI names a card: matched relative to its workspace folder, or by name alone. */
export function isCardUri(uri: string, folders: readonly string[], extraGlobs: readonly string[]): boolean {
  const path = uriPath(uri);
  const folder = folders.find((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep));
  const rel = folder ? relative(folder, path) : path.split(/[\\/]/).pop() ?? path;
  return isCardPath(rel.split(sep).join('/'), extraGlobs);
}
