/** Types of the readiness report: the seed's twelve pre-rollout questions, each answered yes or no with a reason. */
import type { Finding } from '../card/findings';
import type { Card } from '../card/model';
import type { RunRecord } from '../records/record';

/** One answered question (the same shape as the protocol's `ReadinessAnswer`). */
export interface ReadinessAnswer {
  number: number;
  question: string;
  answer: 'yes' | 'no';
  reason: string;
}

/** The release's verdict as it stands (the same composition as the editor's status bar). */
export interface ReadinessVerdict {
  /** pass, blocked, stale (the record is another bundle's) or none (no complete results). */
  state: 'pass' | 'blocked' | 'stale' | 'none';
  /** The sentence: what blocks the release and what to do. */
  summary: string;
}

/** The whole report. */
export interface ReadinessReport {
  releaseId: string | null;
  /** True only when every answer is yes and the verdict passes: "if any answer is no, the release should not go out". */
  ready: boolean;
  answers: ReadinessAnswer[];
  verdict: ReadinessVerdict;
}

/** What the answers are derived from. */
export interface ReadinessInput {
  card: Card;
  /** The card's run record, when one could be read. */
  record?: RunRecord;
  /** Why there is no record (missing, unreadable), for the reasons. */
  recordProblem?: string;
  /** Whether the record still matches the card's bundle, and why not. */
  stale: boolean;
  staleReason?: string;
  now: Date;
  /** What `check` finds in the card with the severities in effect; computed with the defaults when absent. */
  findings?: readonly Finding[];
}

/** One question: its text and how it is answered. */
export interface Question {
  question: string;
  answer(input: ReadinessInput): { answer: 'yes' | 'no'; reason: string };
}

/** A yes. */
export const yes = (reason: string): { answer: 'yes'; reason: string } => ({ answer: 'yes', reason });

/** A no. */
export const no = (reason: string): { answer: 'no'; reason: string } => ({ answer: 'no', reason });
