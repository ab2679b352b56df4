/**
 * `release-gates run <card>`: computes the gates from evidence, prints the report, writes the run
 * record next to the card, and exits 0 only when every selected gate passed (1 when any failed or
 * could not decide, 2 for usage errors or an unreadable card). Progress goes to stderr.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Card } from '../card/model';
import { parseCard } from '../card/parse';
import { type RunProgress, type RunResult, runGates } from '../gates/engine/run';
import { runCodes, runFindings, runJson, runText } from '../gates/engine/report';
import { isGateId } from '../gates/engine/registry';
import type { GateId } from '../gates/engine/types';
import { buildRecord, readRecord, writeRecord } from '../records';
import { formatReport, isReportFormat } from '../report';
import { TOOL } from '../version';
import { EXIT, parseArgs, type CliIO, type CommandModule } from './io';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;

/** Everything `run` was asked to do. */
interface RunArgs {
  card: string;
  gates?: GateId[];
  format: (typeof FORMATS)[number];
  record: boolean;
  now?: Date;
  root?: string;
  quiet: boolean;
  /** From --prometheus-url, else RELEASE_GATES_PROMETHEUS_URL: never from the card. */
  prometheusUrl?: string;
}

/** The run command. */
export const runCommand: CommandModule = {
  name: 'run',
  summary: 'Compute the gates of a card from its evidence, write a run record, exit 1 unless every gate passes.',
  usage: `release-gates run <card> [--gate <id>]... [--format ${FORMATS.join('|')}] [--no-record] [--now <iso-date-time>] [--root <dir>] [--quiet] [--prometheus-url <url>]`,
  run: runRun,
};

/** Parses and checks the arguments, or returns the usage error. */
function readArgs(args: string[], io: CliIO): RunArgs | string {
  const parsed = parseArgs(args, ['gate', 'format', 'now', 'root', 'prometheus-url'], ['no-record', 'quiet']);
  if ('error' in parsed) return parsed.error;
  if (parsed.positional.length !== 1) return 'give exactly one card file';
  const format = parsed.flags.get('format')?.[0] ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return `unknown format "${format}"; use ${FORMATS.join(', ')}`;
  const out: RunArgs = { card: path.resolve(io.cwd, parsed.positional[0] as string), format: format as RunArgs['format'], record: !parsed.flags.has('no-record'), quiet: parsed.flags.has('quiet') };
  const gates = parsed.flags.get('gate');
  if (gates) {
    const bad = gates.find((g) => !isGateId(g));
    if (bad !== undefined) return `unknown gate "${bad}"; gates are data, quality, robustness, performance, cost, observability, rollback`;
    out.gates = gates as GateId[];
  }
  const now = parsed.flags.get('now')?.[0];
  if (now !== undefined) {
    const d = new Date(now);
    if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(now)) return `--now "${now}" is not an ISO 8601 date-time`;
    out.now = d;
  }
  const root = parsed.flags.get('root')?.[0];
  if (root !== undefined) out.root = path.resolve(io.cwd, root);
  const prom = parsed.flags.get('prometheus-url')?.[0] ?? io.env.RELEASE_GATES_PROMETHEUS_URL;
  if (prom) out.prometheusUrl = prom;
  return out;
}

/** The project root: `--root`, else the working directory when it contains the card, else the card's folder. */
function projectRoot(a: RunArgs, io: CliIO): string {
  if (a.root) return a.root;
  const rel = path.relative(io.cwd, a.card);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.dirname(a.card) : io.cwd;
}

/** Progress lines on stderr: each gate, and large files at every quarter. */
function progressPrinter(io: CliIO): (p: RunProgress) => void {
  const shown = new Map<string, number>();
  return (p) => {
    if (p.kind === 'gate') {
      if (p.phase === 'done') io.err(`release-gates: ${p.gate} gate: ${p.status}\n`);
      return;
    }
    const quarter = Math.floor((4 * p.bytesRead) / Math.max(p.totalBytes, 1));
    if ((shown.get(p.path) ?? -1) >= quarter) return;
    shown.set(p.path, quarter);
    io.err(`release-gates: reading ${p.path}: ${Math.round((100 * p.bytesRead) / Math.max(p.totalBytes, 1))} %\n`);
  };
}

/** Renders the result in the chosen format. */
function render(a: RunArgs, result: RunResult, card: Card, cardPath: string, recordPath: string | null): string {
  switch (a.format) {
    case 'text':
      return runText(result, card, cardPath, recordPath);
    case 'json':
      return `${JSON.stringify(runJson(result, card, cardPath, recordPath), null, 2)}\n`;
    default: {
      const format = a.format;
      if (!isReportFormat(format)) return '';
      return formatReport(format, [{ path: cardPath, findings: runFindings(result, card) }], { version: TOOL.version, ...(format === 'junit' ? { codes: runCodes(result) } : {}) });
    }
  }
}

/** Reads and parses the card; undefined (after printing why) when it cannot be used. */
async function readCard(file: string, display: string, io: CliIO): Promise<Card | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    io.err(`release-gates run: cannot read ${display}: ${(err as Error).message}\n`);
    return undefined;
  }
  const card = new Card(file, parseCard(text));
  if (!card.parsed.structural) {
    for (const f of card.parsed.findings) io.err(`${display}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.message} [${f.code}]\n`);
    io.err(`release-gates run: ${display} cannot be read as a release card; run "release-gates check ${display}" for details.\n`);
    return undefined;
  }
  return card;
}

/** Writes the record (carrying the release's failures from the previous one) unless disabled or cancelled; returns its display path. */
async function record(a: RunArgs, card: Card, result: RunResult, io: CliIO): Promise<string | null> {
  if (!a.record || result.cancelled) return null;
  try {
    const previous = await readRecord(a.card);
    const file = await writeRecord(a.card, buildRecord(result, a.card, { card, ...(previous.ok ? { previous: previous.record } : {}) }));
    return path.relative(io.cwd, file) || file;
  } catch (err) {
    io.err(`release-gates run: the run record could not be written (${(err as Error).message}); results are printed but not recorded.\n`);
    return null;
  }
}

async function runRun(args: string[], io: CliIO): Promise<number> {
  const a = readArgs(args, io);
  if (typeof a === 'string') {
    io.err(`release-gates run: ${a}\nusage: ${runCommand.usage}\n`);
    return EXIT.usage;
  }
  const display = path.relative(io.cwd, a.card) || a.card;
  const card = await readCard(a.card, display, io);
  if (!card) return EXIT.usage;
  const result = await runGates(card, {
    root: projectRoot(a, io), cardFile: a.card, ...(a.gates ? { gates: a.gates } : {}), ...(a.now ? { now: a.now } : {}),
    ...(a.quiet ? {} : { onProgress: progressPrinter(io) }), log: (m) => io.err(`${m}\n`),
    ...(a.prometheusUrl ? { prometheus: { url: a.prometheusUrl } } : {}),
  });
  const recordPath = await record(a, card, result, io);
  io.out(render(a, result, card, display.split(path.sep).join('/'), recordPath));
  return result.status === 'pass' ? EXIT.ok : EXIT.findings;
}
