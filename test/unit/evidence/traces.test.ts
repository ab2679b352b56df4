import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadTraces } from '../../../server/src/evidence';
import { fixture, problems, tempDir, value } from './helpers';

describe('trace exports', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('groups OTLP/JSON spans by trace id with names, services and lines', async () => {
    const exp = value(await loadTraces(fixture('otlp-trace.json')));
    assert.equal(exp.format, 'otlp');
    assert.equal(exp.spanCount, 4);
    assert.equal(exp.traces.length, 2);
    const main = exp.traces[0];
    // Ids are normalised to lower case, so upper-case hex from one exporter joins the same trace.
    assert.equal(main?.traceId, '5b8efff798038103d269b633813fc60c');
    assert.deepEqual(main?.names, ['POST /predict', 'feature_lookup', 'inference']);
    assert.deepEqual(main?.services, ['gateway', 'model-server']);
    assert.deepEqual(main?.spans.map((s) => s.line), [9, 27, 35]);
    const root = main?.spans[0];
    assert.equal(root?.parentSpanId, undefined);
    assert.equal(root?.durationMs, 120);
    assert.equal(root?.attributes['http.status_code'], 200);
    assert.equal(main?.spans[2]?.attributes['model.version'], 'churn@candidate');
  });

  it('reads Jaeger JSON with services from processes and parents from references', async () => {
    const exp = value(await loadTraces(fixture('jaeger-trace.json')));
    assert.equal(exp.format, 'jaeger');
    const [trace] = exp.traces;
    assert.deepEqual(trace?.services, ['gateway', 'postprocessor']);
    assert.deepEqual(trace?.names, ['gateway', 'postprocess']);
    assert.equal(trace?.spans[1]?.parentSpanId, '0000000000000001');
    assert.equal(trace?.spans[1]?.durationMs, 15);
    assert.equal(trace?.spans[0]?.line, 6);
  });

  it('reads OTLP exports written one per line', async () => {
    const line = (tid: string, name: string): string => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: tid, spanId: 'ab', name }] }] }] });
    const exp = value(await loadTraces(t.write('collector.jsonl', `${line('aa', 'gateway')}\n${line('aa', 'inference')}\n${line('bb', 'other')}\n`)));
    assert.deepEqual(exp.traces.map((tr) => [tr.traceId, tr.spans.length]), [['aa', 2], ['bb', 1]]);
    assert.deepEqual(exp.traces[0]?.spans.map((s) => s.line), [1, 2]);
  });

  it('reports spans without ids at their line', async () => {
    const text = '{"resourceSpans": [{"scopeSpans": [{"spans": [\n{"spanId": "01", "name": "orphan"}\n]}]}]}';
    const [p] = problems(await loadTraces(t.write('noid.json', text)));
    assert.equal(p?.line, 2);
    assert.match(p?.message ?? '', /span 'orphan' has no trace id/);
  });

  it('reports an unknown format and an export without spans', async () => {
    assert.equal(problems(await loadTraces(t.write('x.json', '{"foo": 1}')))[0]?.code, 'shape');
    assert.equal(problems(await loadTraces(t.write('y.json', '{"resourceSpans": []}')))[0]?.code, 'empty');
  });
});
