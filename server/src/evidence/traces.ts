/**
 * Trace exports: OpenTelemetry OTLP/JSON (`resourceSpans[].scopeSpans[].spans[]`, also one export
 * per line as the collector's file exporter writes) and Jaeger JSON (`data[].spans[]`).
 *
 * The observability gate asks whether one trace id spans gateway, feature lookup, inference and
 * post-processing, so spans are grouped by trace id with their names and service names. Each span
 * keeps the line it starts on so a finding can point into the export.
 */
import { type DocPath, type DocumentOptions, type EvidenceDocument, loadDocument } from './records';
import { type EvidenceProblem, type EvidenceResult, fail, ok, problem } from './types';

/** One span of a trace. */
export interface Span {
  readonly traceId: string;
  readonly spanId: string;
  /** Parent span id; undefined for a root span. */
  readonly parentSpanId: string | undefined;
  /** Span name (OTLP `name`, Jaeger `operationName`). */
  readonly name: string;
  /** Service that emitted the span (`service.name` resource attribute or Jaeger process). */
  readonly service: string | undefined;
  /** Start time in epoch ms, when present. */
  readonly startMs: number | undefined;
  /** Duration in ms, when present. */
  readonly durationMs: number | undefined;
  /** Span attributes (Jaeger tags) flattened to scalars. */
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /** 1-based line where the span starts in the export. */
  readonly line: number | undefined;
}

/** All spans sharing one trace id. */
export interface Trace {
  readonly traceId: string;
  readonly spans: readonly Span[];
  /** Distinct service names, in first-seen order. */
  readonly services: readonly string[];
  /** Distinct span names, in first-seen order. */
  readonly names: readonly string[];
}

/** A loaded trace export. */
export interface TraceExport {
  readonly file: string;
  readonly format: 'otlp' | 'jaeger';
  readonly traces: readonly Trace[];
  readonly spanCount: number;
}

type Obj = Record<string, unknown>;
type Attr = string | number | boolean;

/** Narrows to a plain object. */
function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Returns `v` as an array, or empty when it is not one. */
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Reads an OTLP AnyValue (`{stringValue}`, `{intValue}`, ...) as a scalar. */
function anyValue(v: unknown): Attr | undefined {
  if (!isObj(v)) return undefined;
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (typeof v.doubleValue === 'number') return v.doubleValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.arrayValue !== undefined || v.kvlistValue !== undefined) return JSON.stringify(v.arrayValue ?? v.kvlistValue);
  return undefined;
}

/** Flattens an OTLP attribute list (`[{key, value}]`) into a record. */
function otlpAttributes(list: unknown): Record<string, Attr> {
  const out: Record<string, Attr> = {};
  for (const kv of arr(list)) {
    if (!isObj(kv) || typeof kv.key !== 'string') continue;
    const v = anyValue(kv.value);
    if (v !== undefined) out[kv.key] = v;
  }
  return out;
}

/** Converts a nanosecond timestamp (string or number) to ms. */
function nanosToMs(v: unknown): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n / 1e6 : undefined;
}

/** Normalises a hex id; empty strings count as absent (OTLP root spans have `parentSpanId: ""`). */
function id(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined;
}

/** Collects spans and located problems while walking an export. */
class SpanCollector {
  readonly spans: Span[] = [];
  readonly problems: EvidenceProblem[] = [];

  /** Creates a collector over `doc`. */
  constructor(readonly doc: EvidenceDocument) {}

  /** Adds a span, or a problem when it lacks the ids that grouping needs. */
  add(path: DocPath, fields: Omit<Span, 'line'>): void {
    const line = this.doc.lineAt(path);
    if (!fields.traceId || !fields.spanId) {
      if (this.problems.length < 50) {
        this.problems.push(problem('shape', this.doc.file, `${this.doc.file}${line ? `: line ${line}` : ''}: span '${fields.name}' has no ${fields.traceId ? 'span id' : 'trace id'}, so it cannot be tied to a request. Check the exporter configuration.`, line ? { line } : {}));
      }
      return;
    }
    this.spans.push({ ...fields, line });
  }
}

/** Walks one OTLP export object (`{resourceSpans: [...]}`) found at `base`. */
function walkOtlp(c: SpanCollector, exp: Obj, base: DocPath): void {
  arr(exp.resourceSpans).forEach((rs, ri) => {
    if (!isObj(rs)) return;
    const resource = otlpAttributes(isObj(rs.resource) ? rs.resource.attributes : undefined);
    const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : undefined;
    // `instrumentationLibrarySpans` is the pre-1.0 name of `scopeSpans`, still seen in old exports.
    const scopeKey = rs.scopeSpans !== undefined ? 'scopeSpans' : 'instrumentationLibrarySpans';
    arr(rs[scopeKey]).forEach((ss, si) => {
      if (!isObj(ss)) return;
      arr(ss.spans).forEach((s, i) => {
        if (!isObj(s)) return;
        const start = nanosToMs(s.startTimeUnixNano);
        const end = nanosToMs(s.endTimeUnixNano);
        c.add([...base, 'resourceSpans', ri, scopeKey, si, 'spans', i], {
          traceId: id(s.traceId) ?? '', spanId: id(s.spanId) ?? '', parentSpanId: id(s.parentSpanId),
          name: typeof s.name === 'string' ? s.name : '', service, startMs: start,
          durationMs: start !== undefined && end !== undefined ? end - start : undefined,
          attributes: otlpAttributes(s.attributes),
        });
      });
    });
  });
}

/** Flattens Jaeger tags (`[{key, type, value}]`). */
function jaegerTags(list: unknown): Record<string, Attr> {
  const out: Record<string, Attr> = {};
  for (const t of arr(list)) {
    if (isObj(t) && typeof t.key === 'string' && ['string', 'number', 'boolean'].includes(typeof t.value)) out[t.key] = t.value as Attr;
  }
  return out;
}

/** Walks a Jaeger export (`{data: [{traceID, spans, processes}]}`). */
function walkJaeger(c: SpanCollector, root: Obj): void {
  arr(root.data).forEach((t, ti) => {
    if (!isObj(t)) return;
    const processes = isObj(t.processes) ? t.processes : {};
    arr(t.spans).forEach((s, i) => {
      if (!isObj(s)) return;
      const proc = typeof s.processID === 'string' ? processes[s.processID] : s.process;
      const parentRef = arr(s.references).find((r) => isObj(r) && r.refType === 'CHILD_OF') ?? arr(s.references)[0];
      c.add(['data', ti, 'spans', i], {
        traceId: id(s.traceID) ?? id(t.traceID) ?? '', spanId: id(s.spanID) ?? '',
        parentSpanId: isObj(parentRef) ? id(parentRef.spanID) : undefined,
        name: typeof s.operationName === 'string' ? s.operationName : '',
        service: isObj(proc) && typeof proc.serviceName === 'string' ? proc.serviceName : undefined,
        // Jaeger times are microseconds.
        startMs: typeof s.startTime === 'number' ? s.startTime / 1000 : undefined,
        durationMs: typeof s.duration === 'number' ? s.duration / 1000 : undefined,
        attributes: jaegerTags(s.tags),
      });
    });
  });
}

/** Groups spans by trace id, keeping first-seen order of traces, services and names. */
export function groupSpans(spans: readonly Span[]): Trace[] {
  const byId = new Map<string, Span[]>();
  for (const s of spans) {
    const list = byId.get(s.traceId);
    if (list) list.push(s);
    else byId.set(s.traceId, [s]);
  }
  return [...byId].map(([traceId, list]) => ({
    traceId,
    spans: list,
    services: [...new Set(list.flatMap((s) => (s.service ? [s.service] : [])))],
    names: [...new Set(list.map((s) => s.name))],
  }));
}

/** Extracts spans from an already-loaded document, detecting OTLP or Jaeger. */
export function parseTraceDocument(doc: EvidenceDocument): EvidenceResult<TraceExport> {
  const c = new SpanCollector(doc);
  const data = doc.data;
  let format: TraceExport['format'] | undefined;
  if (isObj(data) && Array.isArray(data.resourceSpans)) (format = 'otlp'), walkOtlp(c, data, []);
  else if (isObj(data) && Array.isArray(data.data)) (format = 'jaeger'), walkJaeger(c, data);
  else if (Array.isArray(data) && data.some((e) => isObj(e) && Array.isArray(e.resourceSpans))) {
    format = 'otlp';
    data.forEach((e, i) => isObj(e) && walkOtlp(c, e, [i]));
  }
  if (!format) {
    return fail(problem('shape', doc.file, `${doc.file} is neither an OTLP/JSON trace export (resourceSpans) nor a Jaeger JSON export (data[].spans), so no trace can be checked. Export traces in one of those formats.`));
  }
  if (c.problems.length > 0) return fail(c.problems);
  if (c.spans.length === 0) {
    return fail(problem('empty', doc.file, `${doc.file} contains no spans, so end-to-end tracing cannot be shown. Export traces from a period with traffic.`));
  }
  return ok({ file: doc.file, format, traces: groupSpans(c.spans), spanCount: c.spans.length });
}

/** Loads an OTLP/JSON (or JSON Lines of OTLP exports) or Jaeger JSON trace export. */
export async function loadTraces(file: string, options: DocumentOptions = {}): Promise<EvidenceResult<TraceExport>> {
  const doc = await loadDocument(file, options);
  return doc.ok ? parseTraceDocument(doc.value) : doc;
}
