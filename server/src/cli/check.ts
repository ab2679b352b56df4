/** `release-gates check <paths...>`: schema and rules for every card, no evidence read. */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { checkCard } from '../check';
import { countSeverity, type Finding } from '../card/findings';
import { findCards } from './find-cards';
import { formatFindings, isFindingFormat, FINDING_FORMATS, type CheckedFile } from './findings-format';
import { formatReport, isReportFormat, REPORT_FORMATS } from '../report';
import { Card } from '../card/model';
import { parseCard } from '../card/parse';
import { currentFingerprint, readRecord, type RunRecord, staleReason } from '../records';
import { TOOL } from '../version';
import { ConfigCache } from '../config/cache';
import type { LoadedConfig } from '../config/project-config';
import { defineCommand, EXIT, type CliIO, type ParsedArgs, usageError } from './io';

const FORMATS = [...FINDING_FORMATS, ...REPORT_FORMATS];

/** The check command. */
export const checkCommand = defineCommand({
  name: 'check',
  summary: 'Validate release cards (YAML, schema, anti-pattern rules) without reading evidence.',
  usage: 'release-gates check <file-or-folder>... [options]',
  options: {
    format: { type: 'string', value: '<format>', help: `Output format: ${FORMATS.join(', ')} (default text).` },
    'max-file-size-kib': { type: 'string', value: '<N>', help: 'Cards larger than N KiB are reported, not parsed (default 2048).' },
  },
  run: runCheck,
});

async function runCheck(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const format = parsed.flags.get('format')?.[0] ?? 'text';
  if (!isFindingFormat(format) && !isReportFormat(format)) return usage(io, `unknown format "${format}"; use ${FORMATS.join(', ')}`);
  if (parsed.positional.length === 0) return usage(io, 'give at least one card file or folder');
  const maxKib = Number(parsed.flags.get('max-file-size-kib')?.[0] ?? 2048);
  if (!Number.isFinite(maxKib) || maxKib <= 0) return usage(io, '--max-file-size-kib must be a positive number');

  const configs = new ConfigCache();
  const found = findCards(parsed.positional, io.cwd, configs.load(io.cwd).config.cards);
  let status: number = EXIT.ok;
  for (const u of found.unreadable) {
    io.err(`release-gates: cannot read ${u.path}: ${u.reason}\n`);
    status = EXIT.usage;
  }
  const results: CheckedFile[] = [];
  for (const file of found.files) {
    const display = relative(io.cwd, file) || file;
    const text = readText(file, io);
    if (text === undefined) {
      status = EXIT.usage;
      continue;
    }
    const project = configs.load(dirname(file), stopDirFor(file, io.cwd));
    const card = new Card(display, parseCard(text, { maxBytes: maxKib * 1024 }));
    const run = await recordOf(card, file, io.cwd);
    const { findings } = checkCard(card, { severities: project.config.rules, ...(project.config.policy ? { policy: project.config.policy } : {}), ...run });
    results.push({ path: display, text, findings });
    addConfigFindings(project, io.cwd, results);
  }
  io.out(isReportFormat(format) ? formatReport(format, results, { version: TOOL.version }) : formatFindings(format, results));
  if (format === 'text') io.err(summary(results, found.files.length));
  if (status === EXIT.ok && results.some((r) => r.findings.some(isError))) status = EXIT.findings;
  return status;
}

/**
 * The run record beside a card and, when it no longer matches the card, why: the rules about
 * earlier runs read both. Evidence is hashed (not parsed) inside the same project root `run` uses;
 * an unreadable record is simply not used here (`run` reports it).
 */
async function recordOf(card: Card, file: string, cwd: string): Promise<{ record?: RunRecord; staleReason?: string }> {
  const read = await readRecord(file);
  if (!read.ok) return {};
  if (!card.parsed.structural) return { record: read.record };
  const rel = relative(cwd, file);
  const root = rel.startsWith('..') || isAbsolute(rel) ? dirname(file) : cwd;
  const reason = staleReason(card, read.record, await currentFingerprint(card, { root, cardFile: file }));
  return reason === undefined ? { record: read.record } : { record: read.record, staleReason: reason };
}

/** Configuration is searched up to the working directory for cards inside it, else to the root. */
function stopDirFor(file: string, cwd: string): string | undefined {
  return relative(cwd, file).startsWith('..') ? undefined : cwd;
}

/** Reports the problems of each configuration file once, as a file of its own in the output. */
function addConfigFindings(project: LoadedConfig, cwd: string, results: CheckedFile[]): void {
  const file = project.config.file;
  if (!file || project.findings.length === 0) return;
  const display = relative(cwd, file) || file;
  if (results.some((r) => r.path === display)) return;
  results.push({ path: display, text: '', findings: project.findings.map((f) => f.finding) });
}

function isError(f: Finding): boolean {
  return f.severity === 'error';
}

/** Reads a file as UTF-8, reporting failure as an unreadable input. */
function readText(file: string, io: CliIO): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    io.err(`release-gates: cannot read ${file}: ${(err as Error).message}\n`);
    return undefined;
  }
}

/** "2 errors, 1 warning in 3 cards". */
function summary(results: readonly CheckedFile[], cards: number): string {
  const all = results.flatMap((r) => r.findings);
  // A capped card's closing finding stands for every finding it hides, so the totals are true.
  const errors = countSeverity(all, 'error');
  const warnings = countSeverity(all, 'warning');
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(cards, 'card')}\n`;
}

function usage(io: CliIO, message: string): number {
  return usageError(io, checkCommand, message);
}
