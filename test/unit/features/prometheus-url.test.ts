import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPrometheusUrl } from '../../../server/src/features/run/trust';

describe('readPrometheusUrl', () => {
  it('takes an http(s) URL, clears on empty, keeps the current value when the section does not say', () => {
    assert.equal(readPrometheusUrl({ prometheusUrl: 'http://127.0.0.1:9090' }, undefined), 'http://127.0.0.1:9090');
    assert.equal(readPrometheusUrl({ prometheusUrl: 'https://prom.internal/' }, undefined), 'https://prom.internal/');
    assert.equal(readPrometheusUrl({ prometheusUrl: '' }, 'http://old:9090'), undefined);
    assert.equal(readPrometheusUrl({ rules: {} }, 'http://old:9090'), 'http://old:9090');
    assert.equal(readPrometheusUrl(null, 'http://old:9090'), 'http://old:9090');
  });

  it('ignores anything that is not an http(s) URL, and says why', () => {
    const why: string[] = [];
    for (const bad of ['file:///etc/passwd', 'not a url', 42]) assert.equal(readPrometheusUrl({ prometheusUrl: bad }, 'http://old:9090', (w) => why.push(w)), 'http://old:9090');
    assert.equal(why.length, 3);
    assert.match(why[0] ?? '', /must use http or https/);
  });
});
