/**
 * `review` end to end: the base commit, the cards changed since it (and the cards whose evidence
 * changed), both versions of each, their run records, and the findings of each comparison. Every
 * problem with a user's card is a finding; only git itself failing (no repository, no base) is an
 * error of the review as a whole.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isCardPath } from '../card/card-files';
import { Card } from '../card/model';
import { parseCard } from '../card/parse';
import { checkPolicy } from '../policy/check';
import type { Policy } from '../policy/types';
import { readRecord, recordPathFor, type RunRecord } from '../records';
import { bundleEvidenceRequests } from '../gates/engine/run';
import { compareCards } from './compare';
import { evidenceChanges } from './evidence';
import { cardFinding, type ReviewFinding, type Severities, withPolicy } from './findings';
import { type ChangedFile, Git, GitError, type ReviewBase } from './git';
import { failuresOf } from './records';

/** The project settings that apply to one card (from the `.release-gates.yaml` above it). */
export interface ProjectSettings {
  severities?: Severities;
  policy?: Policy;
}

/** What to review. */
export interface ReviewOptions {
  /** The working directory (paths and output are relative to it). */
  cwd: string;
  /** Files or folders to limit the review to; the whole repository when empty. */
  paths?: readonly string[];
  /** The base ref; the default branch's merge base when absent. */
  base?: string;
  /** Extra card globs (matched against repository-relative paths). */
  cardGlobs?: readonly string[];
  /** The settings of the project a card file (absolute path) belongs to. */
  project?: (cardFile: string) => ProjectSettings;
  env?: Readonly<Record<string, string | undefined>>;
  now?: Date;
}

/** The review of one card. */
export interface CardReview {
  /** Repository-relative path (`/`-separated) of the working version (of the base version when deleted). */
  path: string;
  /** Absolute path of the working version. */
  file: string;
  status: ChangedFile['status'];
  oldPath?: string;
  releaseId?: string;
  /** The working card's text ('' when deleted), for outputs that quote lines. */
  text: string;
  findings: ReviewFinding[];
}

/** A whole review. */
export interface ReviewResult {
  root: string;
  base: ReviewBase;
  cards: CardReview[];
}

/** Reviews every changed card; an error string when git cannot (no repository, no base, a git command failing). */
export async function reviewChanges(opts: ReviewOptions): Promise<ReviewResult | { error: string }> {
  try {
    return await reviewAll(opts);
  } catch (err) {
    if (err instanceof GitError) return { error: err.message };
    throw err;
  }
}

async function reviewAll(opts: ReviewOptions): Promise<ReviewResult | { error: string }> {
  const git = new Git(opts.cwd, opts.env);
  const root = await git.toplevel();
  if (!root) return { error: `${opts.cwd} is not inside a git repository, so there is no base to compare with` };
  const base = await git.resolveBase(opts.base);
  if ('error' in base) return base;
  // git names the root by its real path; so must the paths compared with it.
  const cwd = await fs.realpath(opts.cwd).catch(() => opts.cwd);
  const scope = (opts.paths ?? []).map((p) => toRepo(root, path.resolve(cwd, p)));
  const inScope = (p: string): boolean => scope.length === 0 || scope.some((s) => s === '' || p === s || p.startsWith(`${s}/`));
  const changed = await git.changedFiles(base.commit);
  const changedSet = new Set(changed.flatMap((c) => [c.path, ...(c.oldPath ? [c.oldPath] : [])]));
  const isCard = (p: string): boolean => isCardPath(p, opts.cardGlobs ?? []);
  const targets = changed.filter((c) => (isCard(c.path) || (c.oldPath !== undefined && isCard(c.oldPath))) && (inScope(c.path) || (c.oldPath !== undefined && inScope(c.oldPath))));
  targets.push(...(await evidenceOnly(git, root, scope, targets, changedSet, isCard)));
  const cards: CardReview[] = [];
  for (const target of targets.sort((a, b) => a.path.localeCompare(b.path))) {
    cards.push(await reviewCard(git, root, base, target, changedSet, opts));
  }
  return { root, base, cards };
}

/** Cards whose text did not change but whose evidence did: their bundle changed all the same. */
async function evidenceOnly(git: Git, root: string, scope: readonly string[], targets: readonly ChangedFile[], changed: ReadonlySet<string>, isCard: (p: string) => boolean): Promise<ChangedFile[]> {
  const taken = new Set(targets.map((t) => t.path));
  const out: ChangedFile[] = [];
  for (const file of (await git.listFiles(scope)).filter((p) => isCard(p) && !taken.has(p))) {
    const text = await readText(path.join(root, file));
    if (text === undefined) continue;
    const card = new Card(file, parseCard(text));
    if (!card.parsed.structural) continue;
    const dir = path.posix.dirname(file);
    const uses = bundleEvidenceRequests(card).some((r) => changed.has(path.posix.normalize(path.posix.join(dir, r.path.replace(/\\/g, '/')))));
    if (uses) out.push({ status: 'modified', path: file });
  }
  return out;
}

/** Reviews one changed card. */
async function reviewCard(git: Git, root: string, base: ReviewBase, target: ChangedFile, changed: ReadonlySet<string>, opts: ReviewOptions): Promise<CardReview> {
  const file = path.join(root, target.path);
  const settings = opts.project?.(file) ?? {};
  const out: CardReview = { path: target.path, file, status: target.status, ...(target.oldPath ? { oldPath: target.oldPath } : {}), text: '', findings: [] };
  const basePath = target.oldPath ?? target.path;
  if (target.status === 'deleted') {
    out.findings = cardFinding('review-card-removed', `${target.path} was deleted since ${base.label}.`, settings.severities);
    return out;
  }
  out.text = (await readText(file)) ?? '';
  const work = new Card(target.path, parseCard(out.text));
  const releaseId = work.get(['release_id']);
  if (releaseId !== undefined) out.releaseId = String(releaseId);
  if (!work.parsed.structural) {
    out.findings = cardFinding('review-unreadable', `${target.path} cannot be read as YAML in the working tree, so it cannot be compared with ${base.label}.`, settings.severities);
    return out;
  }
  const baseBytes = target.status === 'added' ? undefined : await git.show(base.commit, basePath);
  if (baseBytes === undefined) {
    const added = cardFinding('review-card-added', `${target.path} is a new release card${releaseId !== undefined ? ` (${String(releaseId)})` : ''}.`, settings.severities);
    out.findings = withPolicy(added, checkPolicy(work, settings.policy, opts.now));
    return out;
  }
  const old = new Card(basePath, parseCard(baseBytes.toString('utf8')));
  if (!old.parsed.structural) {
    out.findings = cardFinding('review-unreadable', `${basePath} cannot be read as YAML at ${base.label}, so the working version cannot be compared with it.`, settings.severities);
    return out;
  }
  const failures = [...failuresOf(await baseRecord(git, base.commit, basePath), old.get(['release_id'])), ...failuresOf(await workRecord(file), releaseId)];
  const extra = await evidenceChanges(git, old, work, { root, commit: base.commit, basePath, workPath: target.path, changed });
  out.findings = compareCards(old, work, { label: base.label, failures, extra, ...settingsOptions(settings), ...(opts.now ? { now: opts.now } : {}) });
  return out;
}

function settingsOptions(s: ProjectSettings): { severities?: Severities; policy?: Policy } {
  return { ...(s.severities ? { severities: s.severities } : {}), ...(s.policy ? { policy: s.policy } : {}) };
}

/** The run record committed beside the card at the base, when it is readable. */
async function baseRecord(git: Git, commit: string, cardPath: string): Promise<RunRecord | undefined> {
  const bytes = await git.show(commit, recordPathFor(cardPath).split(path.sep).join('/'));
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(bytes.toString('utf8')) as unknown;
    return value !== null && typeof value === 'object' ? (value as RunRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The run record beside the working card, when it is readable. */
async function workRecord(file: string): Promise<RunRecord | undefined> {
  const read = await readRecord(file);
  return read.ok ? read.record : undefined;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A path relative to the repository root, `/`-separated ('' for the root itself). */
function toRepo(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
