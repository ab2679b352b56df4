/**
 * Documentation links in the editor. Findings name their page by its path in the package
 * (`docs/rules/<id>.md`); the server turns it into a `file:` URI of the page shipped beside its own
 * bundle, so any LSP client can open it. The VS Code client renders such pages in a preview.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Candidate package roots: beside the bundle (`dist/server.js`), or the source tree (`server/src/features`). */
export function packageRoots(base: string = __dirname): string[] {
  return [path.join(base, '..'), path.join(base, '..', '..', '..')];
}

let cachedRoot: string | null | undefined;

/** The package root that holds the shipped `docs/`, or null when neither layout has one. */
export function docsPackageRoot(base?: string): string | null {
  if (base !== undefined) return packageRoots(base).find((r) => existsSync(path.join(r, 'docs', 'rules'))) ?? null;
  if (cachedRoot === undefined) cachedRoot = docsPackageRoot(__dirname);
  return cachedRoot;
}

/** The `file:` URI of a package page (`docs/…[#fragment]`), or undefined when the docs are not installed. */
export function docUri(href: string, root: string | null = docsPackageRoot()): string | undefined {
  if (root === null || !/^docs\//.test(href)) return undefined;
  const [page, fragment] = href.split('#', 2) as [string, string | undefined];
  const file = path.join(root, ...page.split('/'));
  if (!existsSync(file)) return undefined;
  return `${pathToFileURL(file).href}${fragment ? `#${fragment}` : ''}`;
}
