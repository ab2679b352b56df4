/**
 * Evidence files of a card compared by content: a file whose sha256 at the base differs from the
 * working tree's means the gates were computed on other data. Working-tree paths are confined to
 * the repository exactly as `run` confines them; base files are read as git objects, which git
 * confines to the repository itself.
 */
import * as path from 'node:path';
import type { Card } from '../card/model';
import { hashEvidence } from '../evidence';
import { bundleEvidenceRequests } from '../gates/engine/run';
import type { Change } from './change';
import type { Git } from './git';

/** Where both versions of a card are, relative to the repository root (`/`-separated). */
export interface CardPlaces {
  root: string;
  commit: string;
  basePath: string;
  workPath: string;
  /** Repository-relative paths git reports as changed since the base. */
  changed: ReadonlySet<string>;
}

/** One change per evidence file whose content differs from the base version's. */
export async function evidenceChanges(git: Git, base: Card, work: Card, at: CardPlaces): Promise<Change[]> {
  const baseFiles = new Map(bundleEvidenceRequests(base).map((r) => [JSON.stringify(r.at), r.path]));
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const req of bundleEvidenceRequests(work)) {
    const workRepo = repoPath(at.workPath, req.path);
    const oldRel = baseFiles.get(JSON.stringify(req.at));
    const baseRepo = oldRel === undefined ? undefined : repoPath(at.basePath, oldRel);
    if (workRepo === undefined || seen.has(`${JSON.stringify(req.at)}`)) continue;
    seen.add(JSON.stringify(req.at));
    if (baseRepo === workRepo && !at.changed.has(workRepo)) continue;
    const before = baseRepo === undefined ? undefined : await git.blobSha256(at.commit, baseRepo);
    const after = await workingSha256(at, req.path);
    if (after === undefined || before === after) continue;
    out.push({
      code: 'review-evidence-changed', verdict: 'new evidence', subject: `${req.at.join('.')} (${req.path})`, at: req.at, on: 'value', path: req.at,
      before: before === undefined ? 'not in the base' : `sha256 ${before.slice(0, 12)}…`, after: `sha256 ${after.slice(0, 12)}…`, beforeValue: before, afterValue: after,
      detail: before === undefined ? `${req.path} is new evidence` : `the content of ${req.path} changed`,
    });
  }
  return out;
}

/** An evidence path written in a card, relative to the repository root; undefined when it leaves it. */
function repoPath(cardPath: string, evidence: string): string | undefined {
  if (path.isAbsolute(evidence) || path.win32.isAbsolute(evidence) || evidence.includes('\0')) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(cardPath), evidence.replace(/\\/g, '/')));
  return joined.startsWith('../') || joined === '..' ? undefined : joined;
}

/** The sha256 of a working-tree evidence file, confined to the repository as `run` confines it; undefined when it cannot be read (run reports that). */
async function workingSha256(at: CardPlaces, evidence: string): Promise<string | undefined> {
  return (await hashEvidence({ root: at.root, cardFile: path.join(at.root, at.workPath) }, evidence)).sha256 ?? undefined;
}
