/**
 * Lists the files under a card's folder for evidence-path completion. This is the only I/O of
 * completion, kept behind the `FileLister` type so the completion logic stays pure and tests pass
 * a fixed list. The walk is breadth-first and bounded, so a card at the root of a huge monorepo
 * costs a bounded amount of work per request.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Paths (forward slashes) of files relative to the card's folder. */
export type FileLister = () => string[];

/** Folders never worth offering evidence from. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', 'dist-newstyle']);

/** Default bound on entries visited (files and folders). */
export const MAX_ENTRIES = 3000;

/** A lister over the real file system, relative to `folder`, skipping `exclude` (the card itself). */
export function folderLister(folder: string, exclude?: string, max = MAX_ENTRIES): FileLister {
  return () => listFiles(folder, exclude, max);
}

/** Files under a folder, relative to it, breadth-first, visiting at most `max` entries. */
export function listFiles(folder: string, exclude: string | undefined, max: number): string[] {
  const files: string[] = [];
  const queue: string[] = [''];
  let visited = 0;
  while (queue.length > 0 && visited < max) {
    const rel = queue.shift() as string;
    let entries;
    try {
      entries = readdirSync(join(folder, rel), { withFileTypes: true });
    } catch {
      continue; // Unreadable folders are simply not offered.
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (++visited > max) break;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) queue.push(path);
      else if (entry.isFile() && path !== exclude) files.push(path);
    }
  }
  return files;
}
