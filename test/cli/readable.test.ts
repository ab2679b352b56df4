/**
 * The run report as a person reads it (issue 16): each line says what was compared with what, a
 * problem shared by several checks is told once with its count, and an evidence error does not
 * say twice that the gate cannot decide.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { cardWith, FRAGMENT_CONFIG, PERF_GATE, passingRequests, tempProject } from '../unit/gates/engine-project';
import { cli } from './cli';

const NOW = '2026-11-26T12:00:00Z';

describe('release-gates run: a report for people', () => {
  const missing = tempProject(cardWith(PERF_GATE.replace('    min_samples: 100\n', '    min_samples: 100\n    p95_latency_ms: 200\n    max_error_share: 0.01\n')));
  missing.write('.release-gates.yaml', FRAGMENT_CONFIG);
  const slow = tempProject(cardWith(PERF_GATE.replace('p99_latency_ms: 250', 'p99_latency_ms: 150')));
  slow.write('perf/requests.csv', passingRequests());
  slow.write('.release-gates.yaml', FRAGMENT_CONFIG);
  after(() => {
    missing.cleanup();
    slow.cleanup();
  });

  it('tells one missing file once, with the number of checks it stops', () => {
    const r = cli(['run', 'release-card.yaml', '--gate', 'performance', '--now', NOW, '--no-record'], missing.root);
    assert.equal(r.status, 1, r.stderr);
    const said = r.stdout.match(/does not exist \(looked for/g) ?? [];
    assert.equal(said.length, 1, r.stdout);
    assert.match(r.stdout, /The same problem stops 4\s+checks of this gate\./);
    // Each check's own line still names the file, briefly.
    assert.equal((r.stdout.match(/! \S+ {2}perf\/requests\.csv does not exist {2}\(/g) ?? []).length, 4, r.stdout);
    assert.equal((r.stdout.match(/blocks the release/g) ?? []).length, 1, 'the sentence about blocking is said once');
  });

  it('says which comparison failed, with numbers rounded for people', () => {
    const r = cli(['run', 'release-card.yaml', '--gate', 'performance', '--now', NOW, '--no-record'], slow.root);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /✖ p99_latency_ms {2}\d+(\.\d+)? ms > 150 ms allowed {2}\(/);
    assert.doesNotMatch(r.stdout, /\d\.\d{6,}/, 'no number carries binary noise');
    assert.doesNotMatch(r.stdout, /n\/a/);
  });
});
