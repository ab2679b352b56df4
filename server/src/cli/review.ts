/**
 * `release-gates review [--base <ref>] [paths…]`: every card changed since the base (by default
 * the merge base with the default branch), compared with its base version: thresholds looser or
 * stricter by their schema direction, checks removed, gates deferred, the bundle and evidence
 * changed, the project policy. Exit 1 when a change is an error (it crosses the policy, it moved
 * a threshold after a failed run, a card cannot be read), 2 for usage or git problems.
 */
import { appendFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { jsonEntry, textLine } from './findings-format';
import { ConfigCache } from '../config/cache';
import { formatReport, isReportFormat, REPORT_FORMATS } from '../report';
import { type CardReview, reviewChanges, reviewMarkdown, type ReviewResult } from '../review';
import { TOOL } from '../version';
import { defineCommand, EXIT, type CliIO, type ParsedArgs, usageError } from './io';

const FORMATS = ['text', 'json', 'markdown', ...REPORT_FORMATS] as const;

/** The review command. */
export const reviewCommand = defineCommand({
  name: 'review',
  summary: 'Compare changed release cards with their base version: loosened thresholds, removed checks, policy floors.',
  usage: `release-gates review [--base <git-ref>] [--format ${FORMATS.join('|')}] [--summary <file>] [--now <iso-date-time>] [<file-or-folder>...]`,
  options: {
    base: { type: 'string', value: '<git-ref>', help: 'The version to compare with (default: the merge base with the default branch).' },
    format: { type: 'string', value: '<format>', help: `Output: ${FORMATS.join(', ')} (default text).` },
    summary: { type: 'string', value: '<file>', help: 'Append the Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY).' },
    now: { type: 'string', value: '<iso-date-time>', help: 'The time deferral deadlines and run records are judged at (default: now).' },
  },
  run: runReview,
});

/** The arguments of one review. */
interface ReviewArgs {
  base?: string;
  format: (typeof FORMATS)[number];
  summary?: string;
  now?: Date;
  paths: string[];
}

/** The review's arguments from the parsed command line, or what is wrong with them. */
function readArgs(parsed: ParsedArgs): ReviewArgs | string {
  const format = parsed.flags.get('format')?.[0] ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return `unknown format "${format}"; use ${FORMATS.join(', ')}`;
  const out: ReviewArgs = { format: format as ReviewArgs['format'], paths: parsed.positional };
  const base = parsed.flags.get('base')?.[0];
  if (base !== undefined) {
    if (base === '' || base.startsWith('-')) return `--base "${base}" is not a git ref`;
    out.base = base;
  }
  const summary = parsed.flags.get('summary')?.[0];
  if (summary !== undefined) out.summary = summary;
  const now = parsed.flags.get('now')?.[0];
  if (now !== undefined) {
    const d = new Date(now);
    if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(now)) return `--now "${now}" is not an ISO 8601 date-time`;
    out.now = d;
  }
  return out;
}

/** Runs one review. */
async function runReview(args: ParsedArgs, io: CliIO): Promise<number> {
  const a = readArgs(args);
  if (typeof a === 'string') return usageError(io, reviewCommand, a);
  const configs = new ConfigCache();
  // git names files by their real paths; the working directory may be reached through a symlink.
  const cwd = realCwd(io.cwd);
  const result = await reviewChanges({
    cwd: io.cwd, paths: a.paths, ...(a.base ? { base: a.base } : {}), env: io.env, ...(a.now ? { now: a.now } : {}),
    cardGlobs: configs.load(io.cwd).config.cards,
    project: (file) => {
      const { config } = configs.load(path.dirname(file), stopDirFor(file, cwd));
      return { severities: config.rules, ...(config.policy ? { policy: config.policy } : {}) };
    },
  });
  if ('error' in result) {
    io.err(`release-gates review: ${result.error}\n`);
    return EXIT.usage;
  }
  const shown = (c: CardReview): string => (path.relative(cwd, c.file) || c.file).split(path.sep).join('/');
  io.out(render(a.format, result, shown));
  if (a.summary) appendSummary(a.summary, io, reviewMarkdown(result, { displayPath: shown }));
  io.err(headline(result));
  return result.cards.some((c) => c.findings.some((f) => f.severity === 'error')) ? EXIT.findings : EXIT.ok;
}

/** The review in the chosen format. */
function render(format: ReviewArgs['format'], result: ReviewResult, shown: (c: CardReview) => string): string {
  if (format === 'markdown') return reviewMarkdown(result, { displayPath: shown });
  if (format === 'text') return result.cards.flatMap((c) => c.findings.map((f) => textLine(shown(c), f))).join('');
  if (format === 'json') {
    const cards = result.cards.map((c) => ({ path: shown(c), status: c.status, ...(c.oldPath ? { old_path: c.oldPath } : {}), release_id: c.releaseId ?? null, findings: c.findings.map((f) => ({ ...jsonEntry(shown(c), f), change: f.change })) }));
    return `${JSON.stringify({ base: { ref: result.base.label, commit: result.base.commit, ...(result.base.note ? { note: result.base.note } : {}) }, cards }, null, 2)}\n`;
  }
  if (!isReportFormat(format)) return '';
  return formatReport(format, result.cards.map((c) => ({ path: shown(c), findings: c.findings })), { version: TOOL.version });
}

/** Appends the Markdown summary to a file (`$GITHUB_STEP_SUMMARY`); a failure is said, not fatal. */
function appendSummary(file: string, io: CliIO, markdown: string): void {
  try {
    appendFileSync(path.resolve(io.cwd, file), `${markdown}\n`);
  } catch (err) {
    io.err(`release-gates review: the summary could not be written to ${file} (${(err as Error).message}).\n`);
  }
}

/** "Compared with main (0f3a…): 13 changes in 1 card: 2 errors, 9 warnings, 2 notes." */
function headline(result: ReviewResult): string {
  const all = result.cards.flatMap((c) => c.findings);
  const n = (s: string): number => all.filter((f) => f.severity === s).length;
  const plural = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`;
  const note = result.base.note ? ` (${result.base.note})` : '';
  return `Compared with ${result.base.label} (${result.base.commit.slice(0, 12)})${note}: ${plural(all.length, 'change')} in ${plural(result.cards.length, 'card')}: ${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}, ${plural(n('info') + n('hint'), 'note')}.\n`;
}

/** The working directory's real path (itself when it cannot be resolved). */
function realCwd(cwd: string): string {
  try {
    return realpathSync(cwd);
  } catch {
    return cwd;
  }
}

/** Configuration is searched up to the working directory for cards inside it, else to the root. */
function stopDirFor(file: string, cwd: string): string | undefined {
  return path.relative(cwd, file).startsWith('..') ? undefined : cwd;
}
