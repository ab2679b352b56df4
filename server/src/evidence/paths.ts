/**
 * Resolves evidence paths written in a card, confined to the project root.
 *
 * A card is untrusted input: a path like `../../etc/passwd`, an absolute path, or a symlink that
 * points outside the project could make a gate read (and report values from) files the card's
 * author should not reach. Only regular files whose real path stays under the real project root
 * are accepted. Nothing is executed and nothing touches the network.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type EvidenceResult, fail, ok, problem } from './types';

/** A resolved evidence file: its real absolute path and the name to use in problems. */
export interface ResolvedEvidence {
  /** Real absolute path of the file (symlinks resolved). */
  absolutePath: string;
  /** The path as written in the card, used in messages so users recognise it. */
  displayName: string;
  /** Size in bytes when it was resolved (decides how it is loaded; the loaders re-check their limits). */
  bytes: number;
}

/** True when `child` is `parent` or lies under it; both must be absolute and normalised. */
function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Rejects path shapes that can never be valid before the file system is consulted. */
function checkShape(evidencePath: string): string | undefined {
  if (evidencePath.trim() === '') return 'the evidence path is empty';
  if (evidencePath.includes('\0')) return 'the evidence path contains a NUL character';
  if (path.isAbsolute(evidencePath) || path.win32.isAbsolute(evidencePath)) {
    return 'absolute evidence paths are not allowed, because a card must stay portable and must not read outside its project';
  }
  return undefined;
}

/**
 * Resolves `evidencePath` relative to the card's directory and checks it stays inside `projectRoot`,
 * also after following symlinks. Missing files and directories are problems.
 */
export async function resolveEvidencePath(
  cardFile: string,
  evidencePath: string,
  projectRoot: string,
): Promise<EvidenceResult<ResolvedEvidence>> {
  const shapeError = checkShape(evidencePath);
  const name = evidencePath;
  if (shapeError) {
    return fail(problem('path', name, `Evidence path '${evidencePath}' is rejected: ${shapeError}. Write a path relative to the card file, inside the project.`));
  }
  const root = path.resolve(projectRoot);
  const lexical = path.resolve(path.dirname(path.resolve(cardFile)), evidencePath);
  if (!isWithin(root, lexical)) {
    return fail(problem('path', name, `Evidence path '${evidencePath}' leaves the project root (${root}). A gate may only read evidence inside the project; move the file into the project and point the card at it.`));
  }
  return checkReal(root, lexical, name);
}

/** Follows symlinks and checks the target is a regular file still under the real root. */
async function checkReal(root: string, lexical: string, name: string): Promise<EvidenceResult<ResolvedEvidence>> {
  let realRoot: string;
  let realTarget: string;
  try {
    realRoot = await fs.realpath(root);
    realTarget = await fs.realpath(lexical);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return fail(problem('not-found', name, `Evidence file '${name}' does not exist (looked for ${lexical}). The gate cannot be computed without it, which blocks the release; produce the file or fix the path in the card.`));
    }
    return fail(problem('io', name, `Evidence file '${name}' cannot be accessed (${code ?? String(err)}). Check its permissions.`));
  }
  if (!isWithin(realRoot, realTarget)) {
    return fail(problem('path', name, `Evidence path '${name}' is a symlink that resolves outside the project root (${realTarget}). Gates only read files inside the project; copy the evidence into the project instead of linking to it.`));
  }
  return checkRegularFile(realTarget, name);
}

/** Accepts regular files only, so a directory or device never reaches a parser. */
async function checkRegularFile(realTarget: string, name: string): Promise<EvidenceResult<ResolvedEvidence>> {
  let bytes: number;
  try {
    const st = await fs.stat(realTarget);
    if (!st.isFile()) {
      return fail(problem('path', name, `Evidence path '${name}' is not a regular file. Point the card at the evidence file itself.`));
    }
    bytes = st.size;
  } catch (err) {
    return fail(problem('io', name, `Evidence file '${name}' cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`));
  }
  return ok({ absolutePath: realTarget, displayName: name, bytes });
}
