// Public API of run records: fingerprints, the record format, atomic writes, reading, staleness.

/** The bundle fingerprint and its canonical JSON. */
export { FINGERPRINT_CARD_KEYS, FINGERPRINT_VERSION, canonicalJson, computeFingerprint, fingerprintDocument, type FingerprintEvidence } from '../card/fingerprint';
/** The record format and where a card's record lives. */
export { MAX_RECORD_FAILURES, RECORD_SCHEMA_VERSION, buildRecord, recordPathFor, type RecordBlocked, type RecordCheck, type RecordFailure, type RecordFinding, type RecordGate, type RecordHistory, type RecordVerdict, type RunRecord } from './record';
/** Atomic writes and reading records back. */
export { readRecord, recordJson, writeFileAtomic, writeRecord, type ReadRecordResult } from './io';
/** Whether a record still matches its card and evidence. */
export { currentFingerprint, isStale, staleReason, type StaleOptions, type Staleness } from './stale';
/** Model references by MLflow alias, and what a record says about each. */
export { modelAliasRefs, MODEL_REFERENCE_PATHS, NOT_RESOLVED, parseModelAlias, recordModelAliases, type ModelAliasRef, type RecordModelAlias } from './aliases';
