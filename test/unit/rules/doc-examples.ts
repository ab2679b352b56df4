// Reads the rule pages' examples and turns fragments into complete cards, following the
// convention of docs/rules/README.md: a block without release_id is deep-merged into
// docs/rules/base-card.yaml (mappings key by key, anything else replaced, comments kept), after
// removing the dotted paths a `# base-without: a.b, c` line names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, parseDocument, type Pair, type YAMLMap } from 'yaml';

export const root = join(__dirname, '..', '..', '..');
export const docsDir = join(root, 'docs', 'rules');

/** One YAML example of a rule page. */
export interface DocExample {
  kind: 'bad' | 'good';
  /** 1-based line of the fence in the page, for messages. */
  line: number;
  source: string;
}

/** The yaml blocks under `## Bad` and `## Good` of a page. */
export function examplesOf(markdown: string): DocExample[] {
  const out: DocExample[] = [];
  let section: 'bad' | 'good' | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    const heading = /^##\s+(.*)$/.exec(l);
    if (heading) section = /^bad\b/i.test(heading[1] ?? '') ? 'bad' : /^good\b/i.test(heading[1] ?? '') ? 'good' : undefined;
    if (section && /^```ya?ml\s*$/.test(l)) {
      const end = lines.indexOf('```', i + 1);
      out.push({ kind: section, line: i + 1, source: lines.slice(i + 1, end).join('\n') + '\n' });
      i = end;
    }
  }
  return out;
}

/** The JSON block under `## Run record`, the record a page's examples are checked with. */
export function recordOf(markdown: string): unknown {
  const lines = markdown.split('\n');
  const heading = lines.findIndex((l) => /^##\s+Run record\s*$/i.test(l));
  if (heading < 0) return undefined;
  const start = lines.findIndex((l, i) => i > heading && /^```json\s*$/.test(l));
  const end = lines.indexOf('```', start + 1);
  return JSON.parse(lines.slice(start + 1, end).join('\n'));
}

/** The complete card text of an example. */
export function completeCard(source: string): string {
  const fragment = parseDocument(source);
  if (isMap(fragment.contents) && fragment.contents.has('release_id')) return source;
  const base = parseDocument(readFileSync(join(docsDir, 'base-card.yaml'), 'utf8'));
  for (const m of source.matchAll(/^#\s*base-without:\s*(.+)$/gm)) {
    for (const path of (m[1] ?? '').split(',').map((p) => p.trim()).filter(Boolean)) base.deleteIn(path.split('.'));
  }
  if (isMap(base.contents) && isMap(fragment.contents)) mergeInto(base.contents, fragment.contents);
  if (fragment.commentBefore) base.commentBefore = fragment.commentBefore;
  return base.toString({ lineWidth: 0 });
}

function mergeInto(target: YAMLMap, source: YAMLMap): void {
  // A comment above a mapping's first key belongs to the mapping; move it onto that key so it travels.
  const first = source.items[0];
  if (source.commentBefore && isPair(first) && isScalar(first.key)) {
    first.key.commentBefore = [source.commentBefore, first.key.commentBefore].filter(Boolean).join('\n');
    source.commentBefore = undefined;
  }
  for (const pair of source.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const index = target.items.findIndex((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    const existing = target.items[index] as Pair | undefined;
    if (existing && isMap(existing.value) && isMap(pair.value) && !pair.value.flow) {
      if (pair.key.commentBefore && isScalar(existing.key)) existing.key.commentBefore = pair.key.commentBefore;
      mergeInto(existing.value, pair.value);
    } else if (index >= 0) {
      target.items[index] = pair;
    } else {
      target.items.push(pair);
    }
  }
}
