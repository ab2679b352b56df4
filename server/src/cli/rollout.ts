/**
 * `release-gates rollout <card> --target argo|flagger [--out DIR]`: writes the card's canary for
 * the engine the team runs (Argo Rollouts: Rollout + AnalysisTemplate; Flagger: Canary +
 * MetricTemplates), one analysis metric per auto-rollback condition. Nothing is written when any
 * condition cannot be expressed (exit 1). `--check <template.yaml>` compares a hand-written
 * AnalysisTemplate with the card instead and reports drift on the template's lines.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../card/findings';
import { Card } from '../card/model';
import { parseCard } from '../card/parse';
import { urlProblem } from '../prometheus/client';
import { formatReport, isReportFormat } from '../report';
import { checkTemplate, planRollout, renderArgoPatch, renderFiles, renderStream, ROLLOUT_TARGETS, type RenderedFile, type RolloutPlan, type RolloutTarget } from '../rollout';
import { TOOL } from '../version';
import { formatFindings, isFindingFormat } from './findings-format';
import { defineCommand, EXIT, type CliIO, type ParsedArgs, usageError } from './io';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;

/** The rollout command. */
export const rolloutCommand = defineCommand({
  name: 'rollout',
  summary: 'Write the card\'s canary and auto-rollback analysis for Argo Rollouts or Flagger, or check a hand-written AnalysisTemplate against the card.',
  usage: `release-gates rollout <card> --target ${ROLLOUT_TARGETS.join('|')} [--out <dir>] [--patch] [--prometheus-url <url>] | release-gates rollout <card> --check <analysis-template.yaml> [--format ${FORMATS.join('|')}]`,
  options: {
    target: { type: 'string', value: '<engine>', help: `The rollout engine: ${ROLLOUT_TARGETS.join(' or ')} (argo with --check).` },
    out: { type: 'string', value: '<dir>', help: 'Write one file per object into this folder (default: one YAML stream on stdout).' },
    patch: { type: 'boolean', help: 'Argo only: write a patch of an existing Rollout\'s strategy instead of a whole Rollout.' },
    'prometheus-url': { type: 'string', value: '<url>', help: 'The Prometheus address the analysis queries (default: RELEASE_GATES_PROMETHEUS_URL; a card never names it).' },
    check: { type: 'string', value: '<template.yaml>', help: 'Compare a hand-written Argo AnalysisTemplate with the card and report where it drifts; writes nothing.' },
    format: { type: 'string', value: '<format>', help: `Output of --check: ${FORMATS.join(', ')} (default text).` },
  },
  run: runRollout,
});

/** A card read from disk, with the path to show for it. */
export interface LoadedCard {
  card: Card;
  file: string;
  display: string;
}

/** Reads and parses a card for a command; prints why and returns undefined when it cannot be used. */
export async function loadCard(command: string, arg: string, io: CliIO): Promise<LoadedCard | undefined> {
  const file = path.resolve(io.cwd, arg);
  const display = (path.relative(io.cwd, file) || file).split(path.sep).join('/');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    io.err(`release-gates ${command}: cannot read ${display}: ${(err as Error).message}\n`);
    return undefined;
  }
  const card = new Card(file, parseCard(text));
  if (card.parsed.structural) return { card, file, display };
  io.err(`release-gates ${command}: ${display} cannot be read as a release card; run "release-gates check ${display}" for details.\n`);
  return undefined;
}

/** Prints a plan's problems at their card lines; true when there were any. */
export function printProblems(plan: RolloutPlan, loaded: LoadedCard, io: CliIO): boolean {
  for (const p of plan.problems) {
    const start = loaded.card.range(loaded.card.anchor(p.at)).start;
    io.err(`${loaded.display}:${start.line + 1}:${start.character + 1}: error ${p.message} [rollout-not-expressible]\n`);
  }
  return plan.problems.length > 0;
}

/** The Prometheus URL from the flag, else the environment; never from the card. */
export function prometheusUrlOf(flags: Map<string, string[]>, io: CliIO): { url?: string; error?: string; fromEnv?: boolean } {
  const flag = flags.get('prometheus-url')?.[0];
  const url = flag ?? io.env['RELEASE_GATES_PROMETHEUS_URL'];
  if (url === undefined || url === '') return {};
  const bad = urlProblem(url);
  return bad ? { error: bad } : { url, fromEnv: flag === undefined };
}

async function runRollout(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const usage = (why: string): number => usageError(io, rolloutCommand, why);
  if (parsed.positional.length !== 1) return usage('give exactly one card file');
  const check = parsed.flags.get('check')?.[0];
  const target = parsed.flags.get('target')?.[0] ?? (check !== undefined ? 'argo' : undefined);
  if (target === undefined || !(ROLLOUT_TARGETS as readonly string[]).includes(target)) return usage(`--target must be ${ROLLOUT_TARGETS.join(' or ')}`);
  if (check !== undefined && target !== 'argo') return usage('--check reads an Argo AnalysisTemplate; use it with --target argo (the default)');
  if (parsed.flags.has('patch') && target !== 'argo') return usage('--patch writes an Argo Rollout patch; use it with --target argo');
  const format = parsed.flags.get('format')?.[0] ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return usage(`unknown format "${format}"; use ${FORMATS.join(', ')}`);
  const prom = prometheusUrlOf(parsed.flags, io);
  if (prom.error) return usage(`the Prometheus URL ${prom.error}`);
  const loaded = await loadCard('rollout', parsed.positional[0] as string, io);
  if (!loaded) return EXIT.usage;
  const plan = planRollout(loaded.card, target as RolloutTarget);
  if (printProblems(plan, loaded, io)) {
    io.err(`release-gates rollout: nothing written: the card's rollout cannot be carried into ${target === 'argo' ? 'Argo Rollouts' : 'Flagger'} as written (see above).\n`);
    return EXIT.findings;
  }
  if (check !== undefined) return runCheck(plan, check, format, io);
  // The environment usually names the Prometheus this machine reaches, which may not be the cluster's.
  if (prom.fromEnv) io.err(`release-gates rollout: the generated analysis queries ${prom.url} (from RELEASE_GATES_PROMETHEUS_URL); pass --prometheus-url with the in-cluster address if the engine reaches Prometheus elsewhere.\n`);
  return write(plan, target as RolloutTarget, loaded, { patch: parsed.flags.has('patch'), out: parsed.flags.get('out')?.[0], ...(prom.url ? { prometheusUrl: prom.url } : {}) }, io);
}

/** Writes the files (or the stream to stdout) and says what was written. */
async function write(plan: RolloutPlan, target: RolloutTarget, loaded: LoadedCard, opts: { patch: boolean; out: string | undefined; prometheusUrl?: string }, io: CliIO): Promise<number> {
  const gen = opts.prometheusUrl ? { prometheusUrl: opts.prometheusUrl } : {};
  if (opts.prometheusUrl === undefined) {
    io.err(`release-gates rollout: no Prometheus address was given (--prometheus-url or RELEASE_GATES_PROMETHEUS_URL); ${target === 'argo' ? 'the AnalysisTemplate takes it as the argument prometheus-address, which the Rollout must pass' : 'each MetricTemplate needs spec.provider.address'} before the analysis can run.\n`);
  }
  let files: RenderedFile[] = renderFiles(plan, target, loaded.display, gen);
  if (opts.patch) files = [{ file: 'rollout-strategy.patch.yaml', text: renderArgoPatch(plan, loaded.display) }, ...files.filter((f) => f.file !== 'rollout.yaml')];
  if (opts.out === undefined) {
    io.out(opts.patch ? files.map((f) => f.text).join('---\n') : renderStream(plan, target, loaded.display, gen));
    return EXIT.ok;
  }
  const dir = path.resolve(io.cwd, opts.out);
  await fs.mkdir(dir, { recursive: true });
  for (const f of files) {
    // Beside the target, then renamed: an engine watching the folder never applies half a file.
    const dest = path.join(dir, f.file);
    const tmp = `${dest}.${process.pid}.tmp`;
    await fs.writeFile(tmp, f.text, 'utf8');
    await fs.rename(tmp, dest);
  }
  const where = (path.relative(io.cwd, dir) || '.').split(path.sep).join('/');
  io.err(`release-gates rollout: wrote ${files.map((f) => f.file).join(', ')} to ${where} (${plan.conditions.length} analysis metric(s), steps ${plan.steps.join('/')})\n`);
  return EXIT.ok;
}

/** Checks a template file against the plan and prints the findings. */
async function runCheck(plan: RolloutPlan, file: string, format: string, io: CliIO): Promise<number> {
  const full = path.resolve(io.cwd, file);
  const display = (path.relative(io.cwd, full) || full).split(path.sep).join('/');
  let text: string;
  try {
    text = await fs.readFile(full, 'utf8');
  } catch (err) {
    io.err(`release-gates rollout: cannot read ${display}: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const findings: Finding[] = checkTemplate(plan, text, display);
  const files = [{ path: display, text, findings }];
  if (isReportFormat(format)) io.out(formatReport(format, files, { version: TOOL.version, ...(format === 'junit' ? { title: 'release-gates rollout --check' } : {}) }));
  else if (isFindingFormat(format)) io.out(formatFindings(format, files));
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (format === 'text') io.err(errors === 0 ? `release-gates rollout: ${display} agrees with the card's ${plan.conditions.length} auto-rollback condition(s).\n` : `release-gates rollout: ${display} drifts from the card in ${errors} place(s).\n`);
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
