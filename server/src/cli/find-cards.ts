/** Expands CLI arguments (files and folders) into card files, reporting what cannot be read. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isCardPath } from '../card/card-files';

/** Folders never searched for cards. */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.cache', '.vscode-test']);

/** Card files found and arguments that could not be read. */
export interface FoundCards {
  files: string[];
  unreadable: { path: string; reason: string }[];
}

/** Files are taken as given; folders contribute every card inside (recursively), sorted. */
export function findCards(args: readonly string[], cwd: string, extraGlobs: readonly string[] = []): FoundCards {
  const found: FoundCards = { files: [], unreadable: [] };
  for (const arg of args) {
    const full = resolve(cwd, arg);
    try {
      if (statSync(full).isDirectory()) walk(full, full, extraGlobs, found.files);
      else found.files.push(full);
    } catch (err) {
      found.unreadable.push({ path: arg, reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String((err as Error).message) });
    }
  }
  return found;
}

/** Recursive walk that skips dependency and build folders. */
function walk(root: string, dir: string, extraGlobs: readonly string[], out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(root, full, extraGlobs, out);
    } else if (entry.isFile() && isCardPath(relative(root, full), extraGlobs)) {
      out.push(full);
    }
  }
}
