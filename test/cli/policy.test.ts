// The project policy through the CLI: `check` reports a card that crosses it (exit 1) and `run`
// blocks the release even though every gate passes, with the policy findings in its verdict.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, ROOT } from './cli';

describe('release-gates check and run under a project policy', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rg-policy-'));
    cpSync(join(ROOT, 'examples', 'churn'), join(dir, 'churn'), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('check: the example card passes a policy it meets', () => {
    writeFileSync(join(dir, '.release-gates.yaml'), 'policy:\n  floors:\n    gates.performance.p99_latency_ms: 800\n  min_canary_steps: 3\n  required_gates: [data, quality, performance, rollback]\n');
    // Only the policy's findings are asserted: the example's runbook ages with the calendar.
    const r = cli(['check', 'churn', '--format', 'json'], dir);
    const codes = (JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code);
    assert.deepEqual(codes.filter((c) => c.startsWith('policy-') || c.startsWith('config-')), [], r.stdout);
  });

  it('check: a floor and a canary policy the card crosses are errors on their lines (exit 1)', () => {
    writeFileSync(join(dir, '.release-gates.yaml'), 'policy:\n  floors:\n    gates.performance.p99_latency_ms: 500\n  min_canary_steps: 4\n');
    const r = cli(['check', 'churn'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^churn\/release-card\.yaml:168:21: error gates\.performance\.p99_latency_ms is 800 ms, looser than the project policy allows: .* at most 500 ms .*\[policy-floor\]$/m);
    assert.match(r.stdout, /^churn\/release-card\.yaml:237:10: error rollout\.steps: \[5, 25, 50, 100\] has 3 steps below 100 %.*\[policy-canary-steps\]$/m);
  });

  it('check: a mistake in the policy is reported in .release-gates.yaml', () => {
    writeFileSync(join(dir, '.release-gates.yaml'), 'policy:\n  floors:\n    gates.performance.p99_latency: 500\n');
    const r = cli(['check', 'churn'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^\.release-gates\.yaml:3:5: error .*Did you mean "gates\.performance\.p99_latency_ms"\? \[config-unknown-threshold\]$/m);
  });

  it('run: every gate passes, but the card crosses the policy, so the release is blocked', () => {
    writeFileSync(join(dir, '.release-gates.yaml'), 'policy:\n  floors:\n    gates.performance.p99_latency_ms: 500\n');
    const r = cli(['run', 'churn/release-card.yaml', '--no-record', '--quiet', '--now', '2026-11-26T12:00:00Z', '--format', 'json'], dir);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { status: string; may_take_traffic: boolean; summary: string; findings: { code: string; location: { line: number } }[] };
    assert.equal(out.status, 'fail');
    assert.equal(out.may_take_traffic, false);
    assert.match(out.summary, /^BLOCKED: 1 error-level rule finding is open \(policy-floor\); 7 of 7 gates passed\./);
    assert.deepEqual(out.findings.filter((f) => f.code === 'policy-floor').map((f) => f.location.line), [168]);
  });
});
