/**
 * Formatting for people, shared by every face: numbers by unit with the digits that show the
 * decision, the comparison a check made in words, and check names as the card names them. Pure,
 * importing nothing, so the lowest layers (gates' messages) and the highest (reports, the editor)
 * word results alike; JSON and run records keep the full values.
 */
export { decisionDigits, formatNumber, MINUS, parseFormatted } from './number';
export { formatPair, formatSigned, formatValue, type FormatOptions } from './units';
export { type CheckFacts, type Comparison, COMPARISONS, comparisonHolds, comparisonPhrase, type FactStatus, firstSentence, resultPhrase, shorten } from './compare';
export { checkLabel } from './labels';
