/**
 * `release-gates readiness <card>`: the twelve pre-rollout questions answered yes or no from the
 * card and its run record (checked against fresh evidence hashes, so a record for another bundle
 * does not count), with the release's verdict. Exit 0 when every answer is yes and the verdict
 * passes, 1 otherwise, 2 for usage errors.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Card } from '../card/model';
import { parseCard } from '../card/parse';
import { checkCard } from '../check';
import { ConfigCache } from '../config/cache';
import { readiness, readinessText, type ReadinessInput } from '../readiness';
import { isStale, readRecord } from '../records';
import { defineCommand, EXIT, type CliIO, type ParsedArgs, usageError } from './io';

const FORMATS = ['text', 'json'] as const;

/** The readiness command. */
export const readinessCommand = defineCommand({
  name: 'readiness',
  summary: 'Answer the twelve pre-rollout questions from a card and its run record; exit 1 unless every answer is yes.',
  usage: 'release-gates readiness <card> [--format text|json] [--root <dir>]',
  options: {
    format: { type: 'string', value: '<format>', help: 'Output format: text or json (default text).' },
    root: { type: 'string', value: '<dir>', help: 'The project root the run used, to check the record against fresh evidence hashes (default: as run chooses it).' },
  },
  run: runReadiness,
});

/** Reads the record and decides whether it still matches the card. */
async function recordInput(card: Card, cardFile: string, root: string): Promise<Omit<ReadinessInput, 'card' | 'now'>> {
  const read = await readRecord(cardFile);
  if (!read.ok) return { recordProblem: read.reason, stale: false };
  const s = await isStale(card, read.record, { root, cardFile });
  const reason = s.otherRelease ? 'the record is for another release_id' : s.changedEvidence.length > 0 ? `evidence changed: ${s.changedEvidence.join(', ')}` : 'bundle changed';
  return { record: read.record, stale: s.stale, ...(s.stale ? { staleReason: reason } : {}) };
}

async function runReadiness(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const usage = (msg: string): number => usageError(io, readinessCommand, msg);
  if (parsed.positional.length !== 1) return usage('give exactly one card file');
  const format = parsed.flags.get('format')?.[0] ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return usage(`unknown format "${format}"; use text or json`);
  const cardFile = path.resolve(io.cwd, parsed.positional[0] as string);
  const rootFlag = parsed.flags.get('root')?.[0];
  const rel = path.relative(io.cwd, cardFile);
  const root = rootFlag ? path.resolve(io.cwd, rootFlag) : rel.startsWith('..') || path.isAbsolute(rel) ? path.dirname(cardFile) : io.cwd;
  let text: string;
  try {
    text = await fs.readFile(cardFile, 'utf8');
  } catch (err) {
    io.err(`release-gates readiness: cannot read ${rel || cardFile}: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const card = new Card(cardFile, parseCard(text));
  const now = new Date();
  const run = await recordInput(card, cardFile, root);
  // The verdict weighs the card's findings with the project's severities, as `check` and `run` do.
  const severities = new ConfigCache().load(path.dirname(cardFile), rel.startsWith('..') ? undefined : io.cwd).config.rules;
  const record = run.record ? { record: run.record, ...(run.staleReason ? { staleReason: run.staleReason } : {}) } : {};
  const { findings } = checkCard(card, { severities, now, ...record });
  const report = readiness({ card, now, findings, ...run });
  io.out(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : readinessText(report));
  return report.ready ? EXIT.ok : EXIT.findings;
}
