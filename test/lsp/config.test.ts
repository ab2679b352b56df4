import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MINIMAL } from '../unit/card/helpers';
import { startSession } from './server';

describe('rule severities in the language server', () => {
  it('takes the project file, lets editor settings win, and validates the configuration file itself', async () => {
    const s = await startSession({ releaseGates: { rules: { 'require-owner': 'off' } } });
    try {
      writeFileSync(join(s.root, '.release-gates.yaml'), 'rules:\n  require-post-release-owner: hint\n  require-owner: error\n');
      const card = await s.open('release-card.yaml', MINIMAL);
      const byCode = new Map(card.diagnostics.map((d) => [d.code, d.severity]));
      assert.equal(byCode.get('require-post-release-owner'), 4, 'the project file sets hint');
      assert.equal(byCode.has('require-owner'), false, 'editor settings turn it off over the project file');
      const config = await s.open('.release-gates.yaml', 'rules:\n  require-ownr: off\n');
      assert.deepEqual(config.diagnostics.map((d) => [d.code, d.range.start.line]), [['config-unknown-rule', 1]]);
    } finally {
      await s.close();
    }
  });
});

describe('the project policy in the language server', () => {
  it('reports a card that crosses a floor as an error on the threshold, and a misspelt floor in the configuration file', async () => {
    const s = await startSession();
    try {
      writeFileSync(join(s.root, '.release-gates.yaml'), 'policy:\n  floors:\n    gates.performance.p99_latency_ms: 500\n');
      const text = `${MINIMAL}`.replace(/^gates:.*$/m, 'gates:\n  performance: { evidence: perf.csv, p99_latency_ms: 900 }');
      const card = await s.open('release-card.yaml', text);
      const floor = card.diagnostics.find((d) => d.code === 'policy-floor');
      assert.equal(floor?.severity, 1);
      assert.match(floor?.message ?? '', /gates\.performance\.p99_latency_ms is 900 ms, looser than the project policy allows: .* at most 500 ms/);
      const config = await s.open('.release-gates.yaml', 'policy:\n  floors:\n    gates.performance.p99_latency: 500\n');
      assert.deepEqual(config.diagnostics.map((d) => [d.code, d.range.start.line]), [['config-unknown-threshold', 2]]);
    } finally {
      await s.close();
    }
  });
});
