/**
 * Which YAML files are release cards: `release-card.yaml`/`.yml`, `*.release.yaml`/`.yml`, and
 * user globs. The language id stays `yaml`; this decides which YAML files we speak about.
 *
 * Globs come from settings and from the project's `.release-gates.yaml`, which a pull request can
 * change, so they are matched without regular expressions: a glob like `*a*a*a*a*a*a*a*b` as a
 * backtracking regex took seconds per file name. Matching is one pass of dynamic programming over
 * (glob token, path position), bounded by their product.
 */

/** The built-in card patterns (matched against the path relative to the workspace). */
export const DEFAULT_CARD_GLOBS = ['**/release-card.yaml', '**/release-card.yml', '**/*.release.yaml', '**/*.release.yml'] as const;

/** One element of a compiled glob. */
type Token =
  | { kind: 'char'; char: string }
  | { kind: 'any' } // `?`: one character other than `/`
  | { kind: 'star' } // `*`: any run of characters other than `/`
  | { kind: 'globstar' } // `**` not followed by `/`: any run of characters
  | { kind: 'dirs' } // `**/`: nothing, or any run of characters ending in `/`
  | { kind: 'class'; negated: boolean; ranges: [string, string][] }
  | { kind: 'alt'; options: string[] }; // `{a,b}`: one of the literal options

/** A compiled glob: `test` says whether a `/`-separated path matches it as a whole. */
export interface GlobMatcher {
  test(path: string): boolean;
}

/** Compiles a glob (`**`, `*`, `?`, `{a,b}`, `[abc]`, `[!a-z]`) into a matcher over `/` paths. */
export function compileGlob(glob: string): GlobMatcher {
  const tokens = tokenize(glob);
  return { test: (path) => matches(tokens, path) };
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        tokens.push({ kind: slash ? 'dirs' : 'globstar' });
        i += slash ? 2 : 1;
      } else tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '{' && glob.indexOf('}', i) > i) {
      const end = glob.indexOf('}', i);
      tokens.push({ kind: 'alt', options: glob.slice(i + 1, end).split(',') });
      i = end;
    } else if (c === '[' && glob.indexOf(']', i + 1) > i + 1) {
      const end = glob.indexOf(']', i + 1);
      tokens.push(charClass(glob.slice(i + 1, end)));
      i = end;
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** `[abc]`, `[a-z]`, `[!x]` (or `[^x]`): single characters and ranges. */
function charClass(body: string): Token {
  const negated = body.startsWith('!') || body.startsWith('^');
  const chars = [...(negated ? body.slice(1) : body)];
  const ranges: [string, string][] = [];
  for (let k = 0; k < chars.length; k++) {
    const a = chars[k] as string;
    const b = chars[k + 2];
    if (chars[k + 1] === '-' && b !== undefined) {
      ranges.push([a, b]);
      k += 2;
    } else ranges.push([a, a]);
  }
  return { kind: 'class', negated, ranges };
}

/**
 * True when the tokens match the whole path. `can[i][j]` (flattened) says whether tokens from `i`
 * match the path from `j`; it is filled from the end, so each cell is computed once.
 */
function matches(tokens: readonly Token[], path: string): boolean {
  const n = path.length;
  const width = n + 1;
  const can = new Uint8Array((tokens.length + 1) * width);
  can[tokens.length * width + n] = 1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i] as Token;
    const row = i * width;
    const next = (i + 1) * width;
    // Tracks, for `dirs`, whether some `/` at or after j leads to a match of the rest.
    let afterSlash = 0;
    for (let j = n; j >= 0; j--) {
      const ch = path[j];
      let ok = 0;
      switch (t.kind) {
        case 'char': ok = ch === t.char ? (can[next + j + 1] as number) : 0; break;
        case 'any': ok = ch !== undefined && ch !== '/' ? (can[next + j + 1] as number) : 0; break;
        case 'class': ok = ch !== undefined && inClass(t, ch) ? (can[next + j + 1] as number) : 0; break;
        case 'star': ok = (can[next + j] as number) || (ch !== undefined && ch !== '/' ? (can[row + j + 1] as number) : 0); break;
        case 'globstar': ok = (can[next + j] as number) || (ch !== undefined ? (can[row + j + 1] as number) : 0); break;
        case 'dirs':
          if (ch === '/' && can[next + j + 1]) afterSlash = 1;
          ok = (can[next + j] as number) || afterSlash;
          break;
        case 'alt': ok = t.options.some((o) => path.startsWith(o, j) && can[next + j + o.length] === 1) ? 1 : 0; break;
      }
      can[row + j] = ok;
    }
  }
  return can[0] === 1;
}

function inClass(t: Extract<Token, { kind: 'class' }>, ch: string): boolean {
  const hit = t.ranges.some(([a, b]) => ch >= a && ch <= b);
  return t.negated ? !hit && ch !== '/' : hit;
}

/** Compiled globs by text; settings and project files name a handful, asked about on every request. */
const compiled = new Map<string, GlobMatcher>();

function matcher(glob: string): GlobMatcher {
  let m = compiled.get(glob);
  if (!m) {
    if (compiled.size > 256) compiled.clear();
    m = compileGlob(glob);
    compiled.set(glob, m);
  }
  return m;
}

/** True when a path (relative to the workspace, `/`-separated) names a card under the given extra globs. */
export function isCardPath(relativePath: string, extraGlobs: readonly string[] = []): boolean {
  const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return [...DEFAULT_CARD_GLOBS, ...extraGlobs].some((g) => matcher(g).test(p) || matcher(g).test('/' + p));
}
