/**
 * The base version of an open card, as `release-gates review` would take it: the merge base of
 * HEAD with the default branch, the card's path there (renames followed), its text. Looked up with
 * git once and kept for a short while, so lenses do not start git on every keystroke.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Card } from '../../card/model';
import { parseCard } from '../../card/parse';
import { Git } from '../../review';

/** A card's base version. */
export interface BaseVersion {
  label: string;
  commit: string;
  path: string;
  text: string;
  card: Card;
}

/** A base, or why there is none. */
export type BaseLookup = { ok: true; base: BaseVersion } | { ok: false; reason: string };

/** How long a looked-up base is reused before git is asked again (a commit or a fetch moves it). */
const REUSE_MS = 30_000;

/** Looks up and remembers the base of each card file. */
export class BaseCache {
  private readonly entries = new Map<string, { at: number; lookup: Promise<BaseLookup> }>();

  /** The base of a card file (absolute path), looked up when missing or old. */
  get(file: string, now = Date.now()): Promise<BaseLookup> {
    const hit = this.entries.get(file);
    if (hit && now - hit.at < REUSE_MS) return hit.lookup;
    const lookup = lookupBase(file);
    this.entries.set(file, { at: now, lookup });
    return lookup;
  }

  /** Forgets a file's base (it was saved, or closed). */
  forget(file: string): void {
    this.entries.delete(file);
  }
}

/** Asks git for a card's base version. */
export async function lookupBase(file: string): Promise<BaseLookup> {
  const git = new Git(path.dirname(file));
  const root = await git.toplevel();
  if (!root) return { ok: false, reason: `${path.basename(file)} is not in a git repository, so it has no base version` };
  const base = await git.resolveBase();
  if ('error' in base) return { ok: false, reason: base.error };
  const real = await fs.realpath(file).catch(() => file);
  const rel = path.relative(root, real).split(path.sep).join('/');
  const renamed = (await git.changedFiles(base.commit).catch(() => [])).find((c) => c.path === rel && c.oldPath !== undefined)?.oldPath;
  const at = renamed ?? rel;
  const bytes = await git.show(base.commit, at);
  if (!bytes) return { ok: false, reason: `${rel} does not exist at ${base.label}: it is a new card` };
  const text = bytes.toString('utf8');
  return { ok: true, base: { label: base.label, commit: base.commit, path: at, text, card: new Card(at, parseCard(text)) } };
}
