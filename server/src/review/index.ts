// Public API of code review: a card compared with its base version.

/** The codes of review findings. */
export { isReviewCode, REVIEW_CODES, type ReviewCode } from './codes';
/** Comparing two parsed versions of a card (pure). */
export { cardChanges, compareCards, type CompareOptions } from './compare';
/** Review findings, their summaries and the lens text. */
export { lensText, type ChangeSummary, type ReviewFinding, type Severities } from './findings';
/** Git: the base, changed files, files at a commit. */
export { Git, type ReviewBase } from './git';
/** The Markdown summary. */
export { reviewMarkdown, type MarkdownOptions } from './markdown';
/** The failures of a run record, for comparisons outside a git review. */
export { failuresOf } from './records';
/** Reviewing every changed card of a repository. */
export { type CardReview, type ProjectSettings, reviewChanges, type ReviewOptions, type ReviewResult } from './review';
