/**
 * The questions of a new card, checked with the schema's own patterns (the one source of truth for
 * ids and model URIs), so a card written from valid answers never starts with a schema error.
 * `release-gates init` and the editor's wizard both ask through here.
 */
import cardSchema from '../../../schemas/release-card.schema.json';
import { CARD_KINDS, CARD_PROFILES, type CardAnswers, type CardKind, type CardProfile } from './template';

/** One answer, as typed. */
export type AnswerField = keyof CardAnswers;

/** A wrong answer and what to type instead. */
export interface AnswerProblem {
  field: AnswerField;
  message: string;
}

/** A choice for a question with a fixed list of answers. */
export interface AnswerChoice {
  label: string;
  description: string;
}

/** What each profile means, for pickers and help. */
export const PROFILE_CHOICES: readonly AnswerChoice[] = [
  { label: 'full', description: 'all seven gates required' },
  { label: 'small-internal-service', description: 'data, quality, performance and rollback; the others deferred with an owner and a deadline' },
];

/** What each kind changes, for pickers and help. */
export const KIND_CHOICES: readonly AnswerChoice[] = [
  { label: 'classification', description: 'scores with a 0/1 label: average precision, calibration' },
  { label: 'regression', description: 'numeric predictions: mean absolute error' },
  { label: 'ranking', description: 'scored items per query: NDCG@K' },
  { label: 'llm', description: 'prompts and answers: graded quality, prompt-injection and unsafe-tool-call suites' },
];

/** A pattern from the schema's definitions. */
function schemaPattern(name: 'safeId' | 'modelUri'): RegExp {
  return new RegExp((cardSchema.definitions[name] as { pattern: string }).pattern);
}

/** The problem of one answer, or undefined when it may be used. */
export function answerProblem(field: AnswerField, value: string): string | undefined {
  switch (field) {
    case 'releaseId':
      return schemaPattern('safeId').test(value) ? undefined : `release id ${JSON.stringify(value)} may hold only letters, digits, ".", "_" and "-", starting with a letter or digit.`;
    case 'owner':
      return value.trim().length > 0 ? undefined : 'Name an owner: the team or person who answers for this release, for example team-churn-ml or @alice.';
    case 'modelUri':
      return schemaPattern('modelUri').test(value) ? undefined : `model URI ${JSON.stringify(value)} is not one: use models:/<name>/<version>, models:/<name>@<alias>, runs:/<run_id>/<path> or <scheme>://….`;
    case 'profile':
      return (CARD_PROFILES as readonly string[]).includes(value) ? undefined : `profile ${JSON.stringify(value)} is not one of ${CARD_PROFILES.join(', ')}.`;
    case 'kind':
      return (CARD_KINDS as readonly string[]).includes(value) ? undefined : `kind ${JSON.stringify(value)} is not one of ${CARD_KINDS.join(', ')}.`;
  }
}

/** The problems of the answers given so far (an absent answer is not a problem yet). */
export function answerProblems(answers: Partial<Record<AnswerField, unknown>>): AnswerProblem[] {
  const out: AnswerProblem[] = [];
  for (const [field, value] of Object.entries(answers) as [AnswerField, unknown][]) {
    if (value === undefined) continue;
    const message = typeof value === 'string' ? answerProblem(field, value) : `${field} must be text.`;
    if (message !== undefined) out.push({ field, message });
  }
  return out;
}

/** The answers when all five are given and valid, else undefined. */
export function completeAnswers(answers: Partial<Record<AnswerField, unknown>>): CardAnswers | undefined {
  const { releaseId, owner, modelUri, profile, kind } = answers;
  if (typeof releaseId !== 'string' || typeof owner !== 'string' || typeof modelUri !== 'string' || typeof profile !== 'string' || typeof kind !== 'string') return undefined;
  if (answerProblems(answers).length > 0) return undefined;
  return { releaseId, owner: owner.trim(), modelUri, profile: profile as CardProfile, kind: kind as CardKind };
}

/** The release id offered first: today's first release. */
export function defaultReleaseId(today = new Date()): string {
  return `ml-${today.toISOString().slice(0, 10)}.1`;
}
