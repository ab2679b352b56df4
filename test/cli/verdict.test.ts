// One verdict, end to end through the built CLI: `run` on the passing churn example, then on the
// mutations the issue "fail closed everywhere" found passing. Each must exit 1 and say "must not
// take traffic" in every output format; a card that does not match the schema is refused before
// any gate runs, and its run record is marked blocked.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { cli, ROOT } from './cli';

const NOW = '2026-11-26T12:00:00Z';
const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;

const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
const validRecord = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas/run-record.schema.json'), 'utf8')));

const dir = mkdtempSync(path.join(tmpdir(), 'rg-verdict-'));
cpSync(path.join(ROOT, 'examples/churn'), dir, { recursive: true });
const CHURN = readFileSync(path.join(dir, 'release-card.yaml'), 'utf8');

/** Writes a mutation of the churn card beside it (same evidence) and returns its file name. */
function variant(name: string, from: RegExp | string, to: string): string {
  const text = CHURN.replace(from, to);
  assert.notEqual(text, CHURN, `the mutation ${name} changed nothing`);
  writeFileSync(path.join(dir, `${name}.yaml`), text);
  return `${name}.yaml`;
}

/** `release-gates run` on a card of the folder at the fixed time. */
function run(card: string, ...args: string[]): ReturnType<typeof cli> {
  return cli(['run', card, '--now', NOW, '--quiet', ...args], dir);
}

/** Asserts a blocked run in every format: exit 1, the codes named, the verdict sentence. */
function blockedEverywhere(card: string, codes: readonly string[], extra: string[] = []): void {
  for (const format of FORMATS) {
    const r = run(card, '--no-record', '--format', format, ...extra);
    assert.equal(r.status, 1, `${format}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /must not take traffic/, format);
    assert.doesNotMatch(r.stdout, /may take traffic/, format);
    for (const code of codes) assert.ok(r.stdout.includes(code), `${format} output names ${code}:\n${r.stdout}`);
    // CI formats carry the verdict itself as a finding, so a dashboard shows why the release is blocked.
    if (format !== 'text' && format !== 'json') assert.ok(r.stdout.includes('release-verdict'), `${format} output carries the verdict`);
  }
}

const SCHEMA_CASES: [string, RegExp, string, RegExp][] = [
  ['p99-msec', /^ {4}p99_latency_ms: 800 .*$/m, '    p99_latency_msec: 800', /Unknown key "p99_latency_msec" in gates\.performance; did you mean "p99_latency_ms"\?/],
  ['p99-string', /^ {4}p99_latency_ms: 800 .*$/m, '    p99_latency_ms: "800"', /gates\.performance\.p99_latency_ms must be a number, not the string "800"/],
  ['p99-unit', /^ {4}p99_latency_ms: 800 .*$/m, '    p99_latency_ms: 800ms', /gates\.performance\.p99_latency_ms must be a number, not the string "800ms"\. Write 800/],
  ['rto-unit', /^ {4}max_rto_minutes: 15$/m, '    max_rto_minutes: "10m"', /gates\.rollback\.max_rto_minutes must be a number, not the string "10m"/],
  ['share-percent', /^ {4}traffic_share: 0\.35 .*$/m, '    traffic_share: 25', /gates\.cost\.traffic_share must be <= 1 \(found number 25\)/],
];

describe('release-gates run: one verdict', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the churn example, which has no open error and passes every gate', () => {
    const r = run('release-card.yaml', '--no-record');
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /PASS: 7 of 7 gates passed\. The release may take traffic\.\n$/);
  });

  for (const [name, from, to, message] of SCHEMA_CASES) {
    it(`refuses the schema-invalid card "${to.trim()}": no gate computed, exit 1, the finding printed`, () => {
      const card = variant(name, from, to);
      const r = run(card, '--no-record');
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stdout, /The card does not match the schema, so no gate was computed:/);
      assert.match(r.stdout.replace(/\n {8}/g, ' '), message);
      assert.match(r.stdout, /BLOCKED: the card does not match the schema \(1 error\), so no gate was computed; .* The release must not take traffic\./);
      assert.doesNotMatch(r.stdout, /PASS|✔ performance/);
    });
  }

  it('refuses a schema-invalid card in every output format and marks its run record blocked', () => {
    const card = variant('p99-string', /^ {4}p99_latency_ms: 800 .*$/m, '    p99_latency_ms: "800"');
    blockedEverywhere(card, ['schema-type']);
    const json = JSON.parse(run(card, '--no-record', '--format', 'json').stdout) as Record<string, unknown>;
    assert.deepEqual([json.status, json.may_take_traffic, json.computed, json.gates], ['error', false, false, []]);
    assert.deepEqual((json.findings as { code: string; kind: string }[]).map((f) => [f.code, f.kind]), [['schema-type', 'schema']]);
    const written = run(card);
    assert.equal(written.status, 1);
    const record = JSON.parse(readFileSync(path.join(dir, 'p99-string.run.json'), 'utf8')) as { status: string; gates: unknown[]; blocked?: { schema_invalid: boolean; findings: { code: string; line: number }[] } };
    assert.ok(validRecord(record), JSON.stringify(validRecord.errors));
    assert.deepEqual([record.status, record.gates, record.blocked?.schema_invalid], ['error', [], true]);
    assert.deepEqual(record.blocked?.findings.map((f) => f.code), ['schema-type']);
  });

  it('blocks an unpinned feature pipeline whatever the gates say, in every format, and records why', () => {
    const card = variant('pipeline-latest', 'feature_pipeline: feature-pipeline:v19 ', 'feature_pipeline: feature-pipeline:latest');
    const full = run(card);
    assert.equal(full.status, 1, full.stdout);
    assert.match(full.stdout, /✖ no-unpinned-feature-pipeline {2}\(pipeline-latest\.yaml:\d+:\d+\)/);
    assert.match(full.stdout, /BLOCKED: 1 error-level rule finding is open \(no-unpinned-feature-pipeline\); 7 of 7 gates passed\. The release must not take traffic\./);
    const record = JSON.parse(readFileSync(path.join(dir, 'pipeline-latest.run.json'), 'utf8')) as { status: string; blocked?: { schema_invalid: boolean; findings: { code: string }[] } };
    assert.ok(validRecord(record), JSON.stringify(validRecord.errors));
    assert.deepEqual([record.status, record.blocked?.schema_invalid, record.blocked?.findings.map((f) => f.code)], ['fail', false, ['no-unpinned-feature-pipeline']]);
    blockedEverywhere(card, ['no-unpinned-feature-pipeline'], ['--gate', 'performance']);
  });

  it('blocks a rollout without a canary (strategy: all_at_once) in every format', () => {
    const card = variant('all-at-once', 'strategy: canary', 'strategy: all_at_once');
    blockedEverywhere(card, ['require-canary'], ['--gate', 'performance']);
    const json = JSON.parse(run(card, '--no-record', '--format', 'json', '--gate', 'performance').stdout) as { status: string; findings: { code: string; kind: string }[] };
    assert.equal(json.status, 'fail');
    assert.ok(json.findings.some((f) => f.code === 'require-canary' && f.kind === 'rule'));
  });

  it('honours a suppression with a reason, and not one without', () => {
    const pinned = 'feature_pipeline: feature-pipeline:v19 ';
    const reasoned = variant('suppressed', pinned, '# release-gates-disable-next-line no-unpinned-feature-pipeline -- the platform pins the pipeline digest at deploy\n  feature_pipeline: feature-pipeline:latest');
    const ok = run(reasoned, '--no-record', '--gate', 'performance');
    assert.equal(ok.status, 0, ok.stdout);
    assert.match(ok.stdout, /may take traffic/);
    const bare = variant('suppressed-bare', pinned, '# release-gates-disable-next-line no-unpinned-feature-pipeline\n  feature_pipeline: feature-pipeline:latest');
    const blocked = run(bare, '--no-record', '--gate', 'performance');
    assert.equal(blocked.status, 1, blocked.stdout);
    assert.match(blocked.stdout, /✖ suppression-missing-reason/);
    assert.match(blocked.stdout, /must not take traffic/);
  });

  it('reads rule severities from the project configuration, as check does', () => {
    const card = variant('all-at-once-config', 'strategy: canary', 'strategy: all_at_once');
    writeFileSync(path.join(dir, '.release-gates.yaml'), 'rules:\n  require-canary: warning\n  require-rollback-coverage: warning\n  auto-rollback-matches-gates: warning\n  valid-auto-rollback: warning\n  canary-steps-rise-to-full: warning\n');
    try {
      const check = cli(['check', card], dir);
      const r = run(card, '--no-record', '--gate', 'performance');
      assert.equal(r.status, check.status === 0 ? 0 : 1, `run and check agree:\n${check.stdout}\n${r.stdout}`);
      assert.doesNotMatch(r.stdout, /require-canary/);
    } finally {
      rmSync(path.join(dir, '.release-gates.yaml'));
    }
  });
});
