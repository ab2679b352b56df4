import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { queryRange, queryScalar, urlProblem } from '../../../server/src/prometheus/client';
import { type FakeProm, fakeProm, vector } from './fake-server';

const T = new Date('2026-11-25T01:00:00Z');

describe('Prometheus client', () => {
  let prom: FakeProm;
  before(async () => {
    prom = await fakeProm((q) => {
      if (q === 'one') return vector('0.25');
      if (q === 'none') return vector();
      if (q === 'two') return vector('1', '2');
      if (q === 'nan') return vector('NaN');
      if (q === 'inf') return vector('+Inf');
      if (q === 'scalar') return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, '3.5'] } }) };
      if (q === 'bad') return { status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 4' }) };
      if (q === 'crash') return { status: 502, body: 'Bad Gateway' };
      if (q === 'slow') return 'hang';
      if (q === 'range') return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { a: 'b' }, values: [[1, '1'], [2, '2']] }] } }) };
      return vector('0');
    });
  });
  after(() => prom.close());

  it('reads one number at the given time, posting the query to /api/v1/query', async () => {
    assert.deepEqual(await queryScalar({ url: prom.url }, 'one', T), { ok: true, value: 0.25 });
    const last = prom.queries.at(-1);
    assert.equal(last?.path, '/api/v1/query');
    assert.equal(last?.form.get('time'), String(T.getTime() / 1000));
    assert.deepEqual(await queryScalar({ url: prom.url }, 'scalar', T), { ok: true, value: 3.5 });
  });

  it('keeps a path prefix of the base URL', async () => {
    await queryScalar({ url: `${prom.url}/prom/` }, 'one', T);
    assert.equal(prom.queries.at(-1)?.path, '/prom/api/v1/query');
  });

  it('turns empty results, several series, NaN and Inf into messages', async () => {
    const msg = async (q: string): Promise<string> => {
      const r = await queryScalar({ url: prom.url }, q, T);
      assert.ok(!r.ok, q);
      return r.message;
    };
    assert.match(await msg('none'), /no series \(empty result\)/);
    assert.match(await msg('two'), /returned 2 series, not one number; aggregate it/);
    assert.match(await msg('nan'), /returned NaN/);
    assert.match(await msg('inf'), /returned Infinity/);
  });

  it('reports HTTP errors with Prometheus\'s own error text', async () => {
    const bad = await queryScalar({ url: prom.url }, 'bad', T);
    assert.ok(!bad.ok);
    assert.equal(bad.message, `Prometheus at ${prom.url} answered HTTP 400 (bad_data: parse error at char 4)`);
    const crash = await queryScalar({ url: prom.url }, 'crash', T);
    assert.ok(!crash.ok);
    assert.match(crash.message, /answered HTTP 502 \(Bad Gateway\)/);
  });

  it('times out instead of waiting forever', async () => {
    const r = await queryScalar({ url: prom.url, timeoutMs: 150 }, 'slow', T);
    assert.deepEqual(r, { ok: false, message: `Prometheus at ${prom.url} did not answer within 150 ms` });
  });

  it('reports an unreachable server', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const port = await new Promise<number>((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
    const r = await queryScalar({ url: `http://127.0.0.1:${port}` }, 'one', T);
    assert.ok(!r.ok);
    assert.match(r.message, /could not be reached \(ECONNREFUSED\)/);
  });

  it('reads range queries', async () => {
    const r = await queryRange({ url: prom.url }, 'range', new Date(0), T, 60);
    assert.deepEqual(r, { ok: true, series: [{ labels: { a: 'b' }, points: [[1, 1], [2, 2]] }] });
    assert.equal(prom.queries.at(-1)?.form.get('step'), '60');
  });

  it('accepts only plain http(s) URLs', () => {
    assert.equal(urlProblem('http://127.0.0.1:9090'), undefined);
    assert.match(urlProblem('ftp://h') ?? '', /not an http\(s\) URL/);
    assert.match(urlProblem('http://u:p@h') ?? '', /must not carry credentials/);
    assert.match(urlProblem('nope') ?? '', /is not a URL/);
  });
});
