/**
 * Where documentation lives, in one place so every link and every output agrees. The pages ship
 * inside the package (the .vsix and the npm package both carry `docs/`); there is no public
 * website to link to, so a link names the page by its path in the package, and each face turns it
 * into something to open: the editor renders the page, the CLI prints it (`release-gates explain`).
 */

/** The documentation page of a rule or engine code, relative to the package root. */
export function ruleDocHref(id: string): string {
  return docHref(`rules/${id}.md`);
}

/** A page of `docs/` (with an optional `#fragment`), relative to the package root. */
export function docHref(page: string): string {
  return `docs/${page}`;
}
