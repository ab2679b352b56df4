import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cardWith, FRAGMENT_CONFIG, PERF_GATE, passingRequests, tempProject } from '../unit/gates/engine-project';
import { cli } from './cli';

const NOW = '2026-11-26T12:00:00Z';

describe('release-gates run', () => {
  const pass = tempProject(cardWith(PERF_GATE));
  pass.write('perf/requests.csv', passingRequests());
  pass.write('.release-gates.yaml', FRAGMENT_CONFIG);
  const slow = tempProject(cardWith(PERF_GATE.replace('p99_latency_ms: 250', 'p99_latency_ms: 150')));
  slow.write('perf/requests.csv', passingRequests());
  slow.write('.release-gates.yaml', FRAGMENT_CONFIG);
  after(() => {
    pass.cleanup();
    slow.cleanup();
  });

  it('exits 0 when every selected gate passes, writes the record and prints progress on stderr', () => {
    const r = cli(['run', 'release-card.yaml', '--gate', 'performance', '--now', NOW], pass.root);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✔ performance +PASS/);
    assert.match(r.stdout, /✔ p99_latency_ms {2}200 ms ≤ 250 ms allowed {2}\(release-card\.yaml:7:5\)/);
    // Only one gate ran: the run says so and does not claim the release may take traffic.
    assert.match(r.stdout, /PARTIAL: the 1 selected gate\(s\) passed, but data, quality, robustness, cost, observability, rollback were not run/);
    assert.doesNotMatch(r.stdout, /may take traffic\./);
    assert.match(r.stderr, /performance gate: pass/);
    const record = JSON.parse(readFileSync(path.join(pass.root, 'release-card.run.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(record.status, 'pass');
    assert.deepEqual(record.selected, ['performance']);
  });

  it('prints the stable JSON shape, with the threshold location of every check', () => {
    const r = cli(['run', 'release-card.yaml', '--gate', 'performance', '--format', 'json', '--now', NOW, '--no-record'], slow.root);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), ['release_id', 'fingerprint', 'status', 'may_take_traffic', 'summary', 'computed', 'findings', 'gates', 'deferred', 'record']);
    assert.equal(out.status, 'fail');
    assert.equal(out.may_take_traffic, false);
    assert.deepEqual(out.findings, []);
    assert.match(out.summary as string, /^BLOCKED: 1 gate\(s\) failed, 0 could not decide, 0 passed\. The release must not take traffic\.$/);
    assert.equal(out.record, null);
    assert.match(out.fingerprint as string, /^sha256:[0-9a-f]{64}$/);
    const gates = out.gates as { gate: string; status: string; checks: Record<string, unknown>[] }[];
    assert.deepEqual(gates.map((g) => [g.gate, g.status]), [['performance', 'fail']]);
    const p99 = gates[0]?.checks.find((c) => c.id === 'p99_latency_ms');
    assert.deepEqual(Object.keys(p99 ?? {}), ['id', 'status', 'observed', 'threshold', 'message', 'location']);
    assert.deepEqual({ ...p99, message: undefined }, {
      id: 'p99_latency_ms', status: 'fail', observed: 200, threshold: 150, message: undefined,
      location: { path: 'release-card.yaml', line: 7, column: 5 },
    });
    assert.ok(!existsSync(path.join(slow.root, 'release-card.run.json')), '--no-record writes nothing');
  });

  it('exits 1 when a gate is missing, asserted or failing', () => {
    const r = cli(['run', 'release-card.yaml', '--now', NOW, '--no-record', '--quiet'], pass.root);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /! data +ERROR/);
    assert.match(r.stdout, /BLOCKED: 0 gate\(s\) failed, 6 could not decide, 1 passed/);
    assert.equal(r.stderr, '');
  });

  it('renders failing checks as SARIF results, GitHub annotations and JUnit failures', () => {
    const sarif = JSON.parse(cli(['run', 'release-card.yaml', '--gate', 'performance', '--format', 'sarif', '--no-record', '--now', NOW], slow.root).stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const results = sarif.runs[0]?.results ?? [];
    assert.deepEqual(results.map((x) => [x.ruleId, x.locations[0]?.physicalLocation.region.startLine]), [['gate.performance.p99_latency_ms', 7], ['release-verdict', 1]]);
    const gh = cli(['run', 'release-card.yaml', '--gate', 'performance', '--format', 'github', '--no-record', '--now', NOW], slow.root);
    assert.match(gh.stdout, /^::error file=release-card\.yaml,line=7,col=5,.*::performance gate failed: The warm p99 latency/m);
    const junit = cli(['run', 'release-card.yaml', '--gate', 'performance', '--format', 'junit', '--no-record', '--now', NOW], slow.root);
    assert.match(junit.stdout, /<testcase classname="release-card\.yaml" name="gate\.performance\.p99_latency_ms">\s*<failure/);
    assert.match(junit.stdout, /<testcase classname="release-card\.yaml" name="gate\.performance\.min_samples" \/>/);
  });

  it('exits 2 on usage errors and on an unreadable card', () => {
    assert.equal(cli(['run'], pass.root).status, 2);
    assert.equal(cli(['run', 'release-card.yaml', '--gate', 'speed'], pass.root).status, 2);
    assert.equal(cli(['run', 'release-card.yaml', '--format', 'xml'], pass.root).status, 2);
    assert.equal(cli(['run', 'release-card.yaml', '--now', 'yesterday'], pass.root).status, 2);
    const missing = cli(['run', 'nope.yaml'], pass.root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read nope\.yaml/);
    pass.write('broken.yaml', 'release_id: [unclosed\n');
    const broken = cli(['run', 'broken.yaml'], pass.root);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /cannot be read as a release card/);
  });
});
