/**
 * Which YAML files are release cards: `release-card.yaml`/`.yml`, `*.release.yaml`/`.yml`, and
 * user globs. The language id stays `yaml`; this decides which YAML files we speak about.
 */

/** The built-in card patterns (matched against the path relative to the workspace). */
export const DEFAULT_CARD_GLOBS = ['**/release-card.yaml', '**/release-card.yml', '**/*.release.yaml', '**/*.release.yml'] as const;

/** Translates a glob (`**`, `*`, `?`, `{a,b}`, `[abc]`) into an anchored regular expression over `/` paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, end).split(',').map(escapeRe).join('|') + ')';
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += escapeRe(c);
  }
  return new RegExp('^' + re + '$');
}

function escapeRe(s: string): string {
  return s.replace(/[.+^$()|\\/]/g, '\\$&');
}

/** True when a path (relative to the workspace, `/`-separated) names a card under the given extra globs. */
export function isCardPath(relativePath: string, extraGlobs: readonly string[] = []): boolean {
  const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return [...DEFAULT_CARD_GLOBS, ...extraGlobs].some((g) => globToRegExp(g).test(p) || globToRegExp(g).test('/' + p));
}
