/** Types of the readiness report: the seed's twelve pre-rollout questions, each answered yes or no with a reason. */
import type { Card } from '../card/model';
import type { RunRecord } from '../records/record';

/** One answered question (the same shape as the protocol's `ReadinessAnswer`). */
export interface ReadinessAnswer {
  number: number;
  question: string;
  answer: 'yes' | 'no';
  reason: string;
}

/** The whole report. */
export interface ReadinessReport {
  releaseId: string | null;
  /** True only when every answer is yes: "if any answer is no, the release should not go out". */
  ready: boolean;
  answers: ReadinessAnswer[];
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
