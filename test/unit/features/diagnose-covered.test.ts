// The editor after a run: a rule stating the same fact as a failed gate check of the current run
// record steps aside (the run's diagnostic is the finding); a stale record or a passed check does not hide it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { Diagnoser } from '../../../server/src/features/diagnose';
import { DEFAULT_SETTINGS } from '../../../server/src/features/settings';
import type { RunRecord } from '../../../server/src/records';

const ROOT = join(__dirname, '../../..');
const file = join(ROOT, 'examples/churn/release-card.yaml');
const text = readFileSync(file, 'utf8').replace('last_tested: 2026-11-19', 'last_tested: 2020-01-01');
const uri = pathToFileURL(file).href;

function record(status: 'pass' | 'fail'): RunRecord {
  const check = { id: 'runbook.last_tested', status, message: 'm', at: ['gates', 'rollback', 'runbook', 'last_tested'] };
  return { gates: [{ gate: 'rollback', status, checks: [check] }] } as unknown as RunRecord;
}

const codes = (run?: { record: RunRecord; staleReason?: string }): string[] =>
  (new Diagnoser().check({ uri, text, folders: [join(ROOT, 'examples/churn')], settings: DEFAULT_SETTINGS, ...(run ? { run } : {}) }).findings ?? []).map((f) => f.code);

describe('editor diagnostics after a run', () => {
  it('show a stale runbook once: the gate check of the current record, not the rule too', () => {
    assert.ok(codes().includes('require-tested-runbook'), 'before any run the rule reports it');
    assert.ok(!codes({ record: record('fail') }).includes('require-tested-runbook'));
  });

  it('keep the rule when the record is stale or its check passed (the runbook aged since)', () => {
    assert.ok(codes({ record: record('fail'), staleReason: 'bundle changed' }).includes('require-tested-runbook'));
    assert.ok(codes({ record: record('pass') }).includes('require-tested-runbook'));
  });
});
