/** The server half of "New Release Card…": the client asks, the answers are checked and the text written here. */
import type { CardTemplateParams, CardTemplateResult } from '../protocol';
import { answerProblems, completeAnswers, defaultReleaseId, KIND_CHOICES, PROFILE_CHOICES } from '../scaffold/answers';
import { cardTemplate } from '../scaffold/template';

/** Checks the answers given so far; with all of them valid, the card's text. */
export function cardTemplateAnswer(params: CardTemplateParams | null | undefined, today = new Date()): CardTemplateResult {
  const given = params ?? {};
  const answers = { releaseId: given.releaseId, owner: given.owner, modelUri: given.modelUri, profile: given.profile, kind: given.kind };
  const complete = completeAnswers(answers);
  return {
    problems: answerProblems(answers),
    ...(complete ? { text: cardTemplate(complete, today) } : {}),
    defaultReleaseId: defaultReleaseId(today),
    profiles: [...PROFILE_CHOICES],
    kinds: [...KIND_CHOICES],
  };
}
