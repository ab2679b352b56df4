/**
 * `release-gates run <card>`: checks the card (schema and rules), computes the gates from evidence
 * unless the card does not match the schema, prints the report, writes the run record next to the
 * card, and exits 0 only when the release may take traffic: schema-valid card, no error-level rule
 * finding open, every selected gate passed (1 otherwise, 2 for usage errors or an unreadable card).
 * Progress goes to stderr.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Card } from '../card/model';
import { parseCard } from '../card/parse';
import { ConfigCache } from '../config/cache';
import type { ProjectConfig } from '../config/project-config';
import type { RunProgress } from '../gates/engine/run';
import { isGateId } from '../gates/engine/registry';
import type { GateId } from '../gates/engine/types';
import { buildRecord, readRecord, type RunRecord, writeRecord } from '../records';
import { formatReport, isReportFormat } from '../report';
import { renderGateReport } from '../report/html';
import { recordVerdict, releaseCodes, releaseFindings, releaseJson, releaseText, type ReleaseRun, runRelease } from '../verdict';
import { TOOL } from '../version';
import { defineCommand, EXIT, type CliIO, type ParsedArgs, usageError } from './io';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'html'] as const;

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
  /** --out: the report goes to this file instead of stdout. */
  out?: string;
}

/** The run command. */
export const runCommand = defineCommand({
  name: 'run',
  summary: 'Check a card and compute its gates from evidence, write a run record, exit 1 unless the release may take traffic.',
  usage: 'release-gates run <card> [options]',
  options: {
    gate: { type: 'string', multiple: true, value: '<id>', help: 'Compute only this gate (data, quality, robustness, performance, cost, observability, rollback); such a partial run reports PARTIAL, never that the release may take traffic.' },
    format: { type: 'string', value: '<format>', help: `Output format: ${FORMATS.join(', ')} (default text; html is the gate report with charts, one self-contained file).` },
    out: { type: 'string', value: '<file>', help: 'Write the output to this file instead of stdout (for --format html, the report to keep as a CI artifact).' },
    'no-record': { type: 'boolean', help: 'Do not write the run record <card>.run.json beside the card.' },
    now: { type: 'string', value: '<iso-date-time>', help: 'The time freshness windows and deadlines are measured against (default: the current time).' },
    root: { type: 'string', value: '<dir>', help: 'The project root: no evidence path may leave it (default: the working directory when it contains the card, else the card\'s folder).' },
    quiet: { type: 'boolean', help: 'No progress lines on stderr.' },
    'prometheus-url': { type: 'string', value: '<url>', help: 'Prometheus for gates with a prometheus: block (default: RELEASE_GATES_PROMETHEUS_URL; a card never names it).' },
  },
  run: runRun,
});

/** Checks the arguments, or returns the usage error. */
function readArgs(parsed: ParsedArgs, io: CliIO): RunArgs | string {
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
  const file = parsed.flags.get('out')?.[0];
  if (file !== undefined) out.out = path.resolve(io.cwd, file);
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

/** Renders the run in the chosen format. */
async function render(a: RunArgs, run: ReleaseRun, card: Card, cardPath: string, recordPath: string | null): Promise<string> {
  switch (a.format) {
    case 'html':
      return runReportHtml(run, card, a.card, cardPath);
    case 'text':
      return releaseText(run, card, cardPath, recordPath);
    case 'json':
      return `${JSON.stringify(releaseJson(run, card, cardPath, recordPath), null, 2)}\n`;
    default: {
      const format = a.format;
      if (!isReportFormat(format)) return '';
      return formatReport(format, [{ path: cardPath, findings: releaseFindings(run, card) }], { version: TOOL.version, ...(format === 'junit' ? { codes: releaseCodes(run), title: 'release-gates run' } : {}) });
    }
  }
}

/** The gate report of a run as HTML (its record, built whether or not one is written). */
function runReportHtml(run: ReleaseRun, card: Card, cardFile: string, cardPath: string): Promise<string> {
  const record = buildRecord(run.result, cardFile, { card }, recordVerdict(run.verdict));
  const v = run.verdict;
  const state = v.pass ? 'pass' : v.status === 'pass' ? 'none' : 'blocked';
  return renderGateReport({ record, cardPath, verdict: { state, title: v.summary, detail: v.summary } });
}

/** Prints the report, or writes it to --out (saying where on stderr); false when the file cannot be written. */
async function writeOut(a: RunArgs, report: string, io: CliIO): Promise<boolean> {
  if (a.out === undefined) {
    io.out(report);
    return true;
  }
  try {
    await fs.writeFile(a.out, report, 'utf8');
    if (!a.quiet) io.err(`release-gates: wrote ${path.relative(io.cwd, a.out) || a.out}\n`);
    return true;
  } catch (err) {
    io.err(`release-gates run: cannot write ${a.out}: ${(err as Error).message}\n`);
    return false;
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
async function record(a: RunArgs, card: Card, run: ReleaseRun, previous: RunRecord | undefined, io: CliIO): Promise<string | null> {
  if (!a.record || run.result.cancelled) return null;
  try {
    const built = buildRecord(run.result, a.card, { card, ...(previous ? { previous } : {}) }, recordVerdict(run.verdict));
    const file = await writeRecord(a.card, built);
    return path.relative(io.cwd, file) || file;
  } catch (err) {
    io.err(`release-gates run: the run record could not be written (${(err as Error).message}); results are printed but not recorded.\n`);
    return null;
  }
}

/** Rule severities and policy of the project (`.release-gates.yaml` above the card), found as `check` finds them. */
function projectRules(a: RunArgs, io: CliIO): Pick<ProjectConfig, 'rules' | 'policy'> {
  const inside = !path.relative(io.cwd, a.card).startsWith('..');
  const project = new ConfigCache().load(path.dirname(a.card), inside ? io.cwd : undefined);
  if (project.findings.length > 0 && project.config.file) {
    io.err(`release-gates run: ${path.relative(io.cwd, project.config.file) || project.config.file} has problems, so some rule severities may not be what the project intends; run "release-gates check" on it.\n`);
  }
  return project.config;
}

/** The rule options of a project configuration: its severities and, when it has one, its policy. */
function projectRulesOptions(config: Pick<ProjectConfig, 'rules' | 'policy'>): Pick<ProjectConfig, 'policy'> & { severities: ProjectConfig['rules'] } {
  return { severities: config.rules, ...(config.policy ? { policy: config.policy } : {}) };
}

async function runRun(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const a = readArgs(parsed, io);
  if (typeof a === 'string') return usageError(io, runCommand, a);
  const display = path.relative(io.cwd, a.card) || a.card;
  const card = await readCard(a.card, display, io);
  if (!card) return EXIT.usage;
  // The previous record feeds the rules about earlier runs (a threshold loosened after a failure).
  const read = await readRecord(a.card);
  const previous = read.ok ? read.record : undefined;
  const run = await runRelease(card, {
    root: projectRoot(a, io), cardFile: a.card, ...(a.gates ? { gates: a.gates } : {}), ...(a.now ? { now: a.now } : {}),
    ...(a.quiet ? {} : { onProgress: progressPrinter(io) }), log: (m) => io.err(`${m}\n`),
    ...(a.prometheusUrl ? { prometheus: { url: a.prometheusUrl } } : {}),
    rules: { ...projectRulesOptions(projectRules(a, io)), ...(previous ? { record: previous } : {}) },
  });
  const recordPath = await record(a, card, run, previous, io);
  const report = await render(a, run, card, display.split(path.sep).join('/'), recordPath);
  if (!(await writeOut(a, report, io))) return EXIT.usage;
  // A partial run (--gate) exits 0 when its gates passed; its summary says it decides nothing.
  return run.verdict.status === 'pass' ? EXIT.ok : EXIT.findings;
}
