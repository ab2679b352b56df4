/**
 * Public API of the evidence loaders. Every loader returns an `EvidenceResult`: a value, or the
 * located problems that prevented one; none throws on user data.
 */

/** Result, problem and option types with their constructors. */
export {
  DEFAULT_MAX_DOCUMENT_BYTES,
  DEFAULT_MAX_JSON_TABLE_BYTES,
  DEFAULT_MAX_TABLE_BYTES,
  type ByteTap,
  type EvidenceProblem,
  type EvidenceResult,
  type ProblemCode,
  type ReadOptions,
  fail,
  formatProblem,
  ok,
  problem,
} from './types';
/** Resolving card-relative evidence paths confined to the project root. */
export { type ResolvedEvidence, resolveEvidencePath } from './paths';
/** The columnar table model and its accessors. */
export {
  BOOLEAN_MISSING,
  CATEGORY_MISSING,
  type BooleanColumn,
  type CategoricalColumn,
  type Column,
  type ColumnType,
  type NumericColumn,
  type Table,
  type TimestampColumn,
  booleanAt,
  categoryAt,
  cellText,
  getColumn,
} from './table';
/** Options shared by tabular loaders (declared types, minRows, missing tokens). */
export { type TableOptions } from './table-builder';
/** Cell parsing rules used by type detection. */
export { DEFAULT_MISSING_TOKENS, parseBoolean, parseInfinity, parseNumber, parseTimestamp } from './cells';
/** Streaming CSV/TSV loader and in-memory CSV parsing. */
export { type CsvOptions, loadCsv, parseCsvText } from './csv';
/** JSON Lines and JSON table loaders. */
export { loadJsonLines, loadJsonTable } from './json';
/** Parquet loader. */
export { loadParquet } from './parquet';
/** Format detection and the card-facing table entry points. */
export { type LoadTableOptions, type TableFormat, loadEvidence, loadEvidenceTable, loadTable, tableFormatOf } from './load-table';
/** Located YAML/JSON/JSONL documents for small structured evidence. */
export {
  type DocPath,
  type DocumentOptions,
  type EvidenceDocument,
  type LocatedEntry,
  entriesOf,
  loadDocument,
  parseJsonLinesDocument,
  parseYamlDocument,
} from './records';
/** OTLP/JSON and Jaeger trace exports grouped by trace id. */
export { type Span, type Trace, type TraceExport, groupSpans, loadTraces, parseTraceDocument } from './traces';
/** Prometheus rule files with burn-rate facts. */
export {
  type BurnRateFacts,
  type PromRule,
  type PromRuleFile,
  burnRateFacts,
  durationSeconds,
  loadPromRules,
  parsePromRulesDocument,
} from './prom-rules';
/** What gates ask for and get back. */
export { type EvidenceRequest, type LoadedEvidence } from './requests';
/** Loading and hashing every file a run's gates ask for (worker threads for large tables). */
export { type EvidenceFileInfo, type FileProgress, hashEvidence, hashRequestedFiles, loadRequests, normalisedEvidencePath } from './loader';
/** Running a gate's Prometheus queries against the user-configured server. */
export { type PrometheusEvidence, type PrometheusRequest, loadPrometheusEvidence } from './prometheus';
