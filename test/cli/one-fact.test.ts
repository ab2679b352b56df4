// One fact, one finding: the runbook's test date is checked by a rule before any run and by the
// rollback gate during one. A run reports it once (the gate's check); `check`, which shows no gate
// results, keeps the rule's finding; a covering check that passed leaves the rule's finding alone.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../server/src/cli';
import type { CliIO } from '../../server/src/cli/io';
import type { Finding } from '../../server/src/card/findings';
import { withoutCoveredFindings } from '../../server/src/rules/covered';
import { ROOT } from './cli';

const dir = mkdtempSync(join(tmpdir(), 'rg-one-fact-'));
after(() => rmSync(dir, { recursive: true, force: true }));
cpSync(join(ROOT, 'examples/churn'), dir, { recursive: true });
// 102 days after the runbook's last test (2026-11-19), over its 90-day limit.
const LATE = '2027-03-01T12:00:00Z';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { cwd: dir, out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false, env: {} };
  return { code: await main(args, io), out, err };
}

const finding = (code: string): Pick<Finding, 'code'> => ({ code });

describe('one fact, one finding', () => {
  it('run reports a stale runbook once, as the rollback gate\'s check', async () => {
    const r = await run(['run', 'release-card.yaml', '--gate', 'rollback', '--format', 'json', '--no-record', '--quiet', '--now', LATE]);
    const json = JSON.parse(r.out) as { findings: { code: string }[]; gates: { gate: string; checks: { id: string; status: string }[] }[] };
    assert.equal(json.gates[0]?.checks.find((c) => c.id === 'runbook.last_tested')?.status, 'fail');
    assert.deepEqual(json.findings.filter((f) => f.code === 'require-tested-runbook'), []);
    const sarif = await run(['run', 'release-card.yaml', '--gate', 'rollback', '--format', 'sarif', '--no-record', '--quiet', '--now', LATE]);
    const ids = (JSON.parse(sarif.out) as { runs: { results: { ruleId: string }[] }[] }).runs[0]?.results.map((x) => x.ruleId) ?? [];
    assert.deepEqual(ids.filter((id) => /runbook/.test(id)), ['gate.rollback.runbook.last_tested']);
  });

  it('check, which computes no gate, reports it as the rule; run on the same card as the check', async () => {
    const old = readFileSync(join(dir, 'release-card.yaml'), 'utf8').replace('last_tested: 2026-11-19', 'last_tested: 2020-01-01');
    writeFileSync(join(dir, 'old.release.yaml'), old);
    const check = await run(['check', 'old.release.yaml', '--format', 'json']);
    assert.equal((JSON.parse(check.out) as { code: string }[]).filter((f) => f.code === 'require-tested-runbook').length, 1);
    const r = await run(['run', 'old.release.yaml', '--gate', 'rollback', '--format', 'text', '--no-record', '--quiet']);
    assert.doesNotMatch(r.out, /require-tested-runbook/);
    assert.match(r.out, /✖ runbook\.last_tested/);
  });

  it('leaves a rule finding in place when its covering check passed, or was never computed', () => {
    const rule = [finding('require-tested-runbook'), finding('require-owner')];
    assert.deepEqual(withoutCoveredFindings(rule, [{ gate: 'rollback', checks: [{ id: 'runbook.last_tested', status: 'fail' }] }]).map((f) => f.code), ['require-owner']);
    assert.deepEqual(withoutCoveredFindings(rule, [{ gate: 'rollback', checks: [{ id: 'runbook.owner', status: 'error' }] }]).map((f) => f.code), ['require-owner']);
    assert.equal(withoutCoveredFindings(rule, [{ gate: 'rollback', checks: [{ id: 'runbook.last_tested', status: 'pass' }] }]).length, 2);
    assert.equal(withoutCoveredFindings(rule, [{ gate: 'performance', checks: [{ id: 'runbook.last_tested', status: 'fail' }] }]).length, 2);
    assert.equal(withoutCoveredFindings(rule, []).length, 2);
    // A record from a pull request with malformed gates covers nothing and breaks nothing.
    assert.equal(withoutCoveredFindings(rule, [{ gate: 'rollback', checks: 'x' } as never, null as never, { gate: 'rollback', checks: [null] } as never]).length, 2);
  });
});
