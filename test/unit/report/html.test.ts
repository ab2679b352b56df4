/**
 * The gate report renderer (issue 16) on records it may be given: none yet, one with deferred and
 * not-run gates, and one from a pull request that tries to smuggle markup in through its texts and
 * chart data. Every text is escaped, a malformed chart is left out, and nothing throws.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderGateReport } from '../../../server/src/report/html';
import type { RunRecord } from '../../../server/src/records';

const GATES = ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'];
const VERDICT = { state: 'blocked' as const, title: 'blocked', detail: 'BLOCKED: the release must not take traffic.' };

/** A record with the given gates and deferrals. */
function record(over: Partial<RunRecord> = {}): RunRecord {
  return {
    schema_version: 1, release_id: 'ml-x.1', card: 'release-card.yaml', fingerprint: `sha256:${'0'.repeat(64)}`, status: 'fail',
    tool: { name: 'release-gates', version: '0.1.0' }, started_at: '2026-11-26T12:00:00.000Z', finished_at: '2026-11-26T12:00:01.000Z', now: '2026-11-26T12:00:00.000Z',
    selected: GATES, gates: [], deferred: [], evidence: [], ...over,
  };
}

describe('gate report renderer', () => {
  it('draws every gate as "not run" before any run, with the verdict', async () => {
    const html = await renderGateReport({ cardPath: 'release-card.yaml', releaseId: 'ml-x.1', verdict: { state: 'none', title: 'not run', detail: 'No gate has run for this card yet. Run all gates.' } });
    for (const g of GATES) assert.match(html, new RegExp(`<section id="gate-${g}" class="gate s-none"`));
    assert.match(html, /No gate has run for this card yet/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.doesNotMatch(html, /<script/i);
  });

  it('says which gates were deferred, asserted or not run', async () => {
    const html = await renderGateReport({
      cardPath: 'c.yaml', verdict: VERDICT,
      record: record({ gates: [{ gate: 'data', status: 'pass', asserted: true, checks: [{ id: 'asserted', status: 'pass', message: 'asserted', at: [] }] }], deferred: [{ gate: 'cost', owner: '@fin', deadline: '2027-01-31', reason: 'no ledger yet' }] }),
    });
    assert.match(html, /data: pass \(asserted, not computed\)/);
    assert.match(html, /Deferred to @fin until 2027-01-31 \(no ledger yet\)/);
    assert.match(html, /id="gate-quality" class="gate s-none"/);
  });

  it('escapes every text of a record and draws no malformed chart', async () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const html = await renderGateReport({
      cardPath: `${evil}.yaml`, verdict: { ...VERDICT, detail: evil },
      record: record({
        release_id: evil,
        blocked: { schema_invalid: false, findings: [{ code: evil, message: evil, line: 1, column: 1 }] },
        gates: [{
          gate: 'data', status: 'fail', checks: [
            { id: evil, label: evil, summary: evil, status: 'fail', observed: 0.5, threshold: 0.1, message: evil, at: [], comparison: 'below',
              chart: { kind: 'bars', x: evil, categories: [evil, 'b'], series: [{ name: evil, values: [0.5, 0.5] }], marks: [] } },
            { id: 'broken', status: 'fail', observed: 2, threshold: 1, message: 'm', at: [], comparison: 'sideways' as never,
              chart: { kind: 'histogram', x: 'x', edges: [0, 1], series: [{ name: 'a', counts: [1, 2, 3] }], marks: [] } as never },
          ],
        }],
      }),
    });
    assert.doesNotMatch(html, /<script|<img/i);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    // The good chart is drawn (with its threshold in the bullet); the malformed one is left out.
    assert.equal((html.match(/<figure class="chart"/g) ?? []).length, 1);
    assert.match(html, /aria-label="threshold/);
    // An unknown comparison is not trusted: the numbers are compared as they are.
    assert.match(html, /2 &gt; 1 threshold/);
  });
});
