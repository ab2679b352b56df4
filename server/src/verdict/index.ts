// Public API of the verdict: whether a release may take traffic, composed once for every face.

/** The rule itself: card blockers, gate outcomes, the verdict and its sentence. */
export { cardBlockers, type CardBlockers, type GateOutcome, type Verdict, VERDICT_CODE, verdictOf, verdictStatus } from './verdict';
/** Running a release: check, refuse a schema-invalid card, else compute the gates. */
export { recordVerdict, type ReleaseRun, type ReleaseRunOptions, runRelease } from './run';
/** The text, JSON and CI findings of a release run. */
export { releaseCodes, releaseFindings, releaseJson, releaseText } from './render';
/** The verdict of a card as it stands: current findings with its last results. */
export { type StandingInput, type StandingState, type StandingVerdict, standingVerdict } from './standing';
