/**
 * The import graph of the sources, read with TypeScript's own pre-processor (so comments and
 * strings that look like imports are not counted). Shared by the layering test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '../../..');

/** One import of one file: the specifier as written and, when relative, the file it resolves to. */
export interface ImportEdge {
  from: string;
  specifier: string;
  /** Repository-relative target for relative specifiers that resolve to a file. */
  target?: string;
}

/** Every `.ts` file under a repository-relative folder, repository-relative. */
export function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) out.push(path.relative(ROOT, full).split(path.sep).join('/'));
    }
  };
  walk(path.join(ROOT, folder));
  return out;
}

/** Resolves a relative specifier the way the bundler does (file, `.ts`, folder index, JSON). */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(ROOT, path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.relative(ROOT, candidate).split(path.sep).join('/');
  }
  return undefined;
}

/** The imports (static, dynamic and `require`) of one repository-relative file. */
export function importsOf(file: string): ImportEdge[] {
  const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) => {
    if (!fileName.startsWith('.')) return { from: file, specifier: fileName };
    const target = resolveRelative(file, fileName);
    return target === undefined ? { from: file, specifier: fileName } : { from: file, specifier: fileName, target };
  });
}

/** The cycles of a directed graph, each as the list of its nodes (Tarjan's strongly connected components). */
export function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, order.get(w) ?? 0));
      }
    }
    if (low.get(v) !== order.get(v)) return;
    const component: string[] = [];
    for (;;) {
      const w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (graph.get(v)?.has(v) ?? false)) out.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!order.has(v)) visit(v);
  return out;
}
