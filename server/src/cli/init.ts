/**
 * `release-gates init [path]`: writes a new release card from the template the editor's "New Release
 * Card…" uses, never over an existing file, and says what to do next (fill in, run, commit the record).
 */
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { answerProblems, defaultReleaseId, KIND_CHOICES, PROFILE_CHOICES, type AnswerField } from '../scaffold/answers';
import { cardTemplate, KIND_NAMES, type CardAnswers, type CardKind, type CardProfile } from '../scaffold/template';
import { defineCommand, EXIT, type CliIO, type ParsedArgs, usageError } from './io';

/** What an unanswered owner or model URI becomes: a placeholder that `check` reports until it is replaced. */
const PLACEHOLDERS = { owner: '<owner>', modelUri: '<model-uri>' } as const;

/** The init command. */
export const initCommand = defineCommand({
  name: 'init',
  summary: 'Write a new release card (all gates asserted as fail until defined); never overwrites a file.',
  usage: 'release-gates init [--profile full|small-internal-service] [--kind classification|regression|ranking|llm] [options] [path]',
  options: {
    profile: { type: 'string', value: '<profile>', help: `Which gates are required: ${PROFILE_CHOICES.map((c) => `${c.label} (${c.description})`).join('; ')}. Default full.` },
    kind: { type: 'string', value: '<kind>', help: `The kind of model, which shapes the signature and the sketched quality and robustness gates: ${KIND_CHOICES.map((c) => c.label).join(', ')}. Default classification.` },
    'release-id': { type: 'string', value: '<id>', help: 'The release id (default ml-<today>.1).' },
    owner: { type: 'string', value: '<owner>', help: `Who answers for the release (default the placeholder ${PLACEHOLDERS.owner}, which check reports until replaced).` },
    'model-uri': { type: 'string', value: '<uri>', help: `The model, e.g. models:/churn-model/43 (default the placeholder ${PLACEHOLDERS.modelUri}, a schema error until replaced).` },
  },
  run: runInit,
});

/** The card file for the path argument: a folder gets release-card.yaml, no argument the working directory's. */
function targetFile(arg: string | undefined, cwd: string): string {
  const full = path.resolve(cwd, arg ?? '.');
  try {
    if (statSync(full).isDirectory()) return path.join(full, 'release-card.yaml');
  } catch {
    // A path that does not exist yet is the file to write.
  }
  return full;
}

/** The answers from the options, with defaults; a usage message when one is not valid. */
function readAnswers(parsed: ParsedArgs): { answers: CardAnswers; placeholders: string[] } | string {
  const flag = (n: string): string | undefined => parsed.flags.get(n)?.[0];
  const given: Partial<Record<AnswerField, string>> = {
    releaseId: flag('release-id') ?? defaultReleaseId(),
    profile: flag('profile') ?? 'full',
    kind: flag('kind') ?? 'classification',
    ...(flag('owner') !== undefined ? { owner: flag('owner') } : {}),
    ...(flag('model-uri') !== undefined ? { modelUri: flag('model-uri') } : {}),
  };
  const problem = answerProblems(given)[0];
  if (problem) return problem.message;
  const placeholders = [...(given.owner === undefined ? ['owner'] : []), ...(given.modelUri === undefined ? ['artifacts.model_uri'] : [])];
  const answers: CardAnswers = {
    releaseId: given.releaseId as string, profile: given.profile as CardProfile, kind: given.kind as CardKind,
    owner: given.owner ?? PLACEHOLDERS.owner, modelUri: given.modelUri ?? PLACEHOLDERS.modelUri,
  };
  return { answers, placeholders };
}

async function runInit(parsed: ParsedArgs, io: CliIO): Promise<number> {
  if (parsed.positional.length > 1) return usageError(io, initCommand, 'give at most one path: the card file or the folder to write release-card.yaml into');
  const read = readAnswers(parsed);
  if (typeof read === 'string') return usageError(io, initCommand, read);
  const file = targetFile(parsed.positional[0], io.cwd);
  const display = (path.relative(io.cwd, file) || file).split(path.sep).join('/');
  try {
    // Exclusive create: an existing card (or anything else at that path) is never replaced.
    await fs.writeFile(file, cardTemplate(read.answers), { encoding: 'utf8', flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(code === 'EEXIST'
      ? `release-gates init: ${display} already exists and was left as it is; give another path, or edit that card.\n`
      : `release-gates init: cannot write ${display}: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  io.out(nextSteps(display, read.answers, read.placeholders));
  return EXIT.ok;
}

/** What was written and what to do next. */
function nextSteps(display: string, a: CardAnswers, placeholders: readonly string[]): string {
  const record = display.replace(/\.ya?ml$/, '') + '.run.json';
  const isCardName = /(^|\/)(release-card|[^/]+\.release)\.ya?ml$/.test(display);
  return [
    `Wrote ${display} (profile ${a.profile}, kind ${a.kind}). Every required gate is asserted as fail until you define it, so nothing passes by default.`,
    '',
    'Next:',
    ...(placeholders.length > 0 ? [`  - Fill in ${placeholders.join(' and ')} (still placeholders; check reports them).`] : []),
    `  - Replace each <gate>_gate: fail with thresholds and evidence (docs/card.md); the comments sketch quality and robustness for ${KIND_NAMES[a.kind]}.`,
    `  - release-gates check ${display}    lists what is still missing, without reading evidence.`,
    `  - release-gates run ${display}      computes the gates and writes ${record} beside the card.`,
    `    Commit ${record} with the card: in CI and review, no-stale-results and no-loosened-threshold read it.`,
    ...(isCardName ? [] : ['  - The editor treats release-card.yaml and *.release.yaml as cards; name the file so, or list it under `cards:` in .release-gates.yaml.']),
    '',
  ].join('\n');
}
