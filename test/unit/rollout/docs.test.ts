// docs/rollout.md cannot drift from behaviour: its generated blocks are regenerated and compared,
// its engine examples validate against the upstream CRDs, and its catalogue names every built-in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { BUILT_IN_METRICS } from '../../../server/src/rollout/catalogue';
import { planRollout } from '../../../server/src/rollout/plan';
import { generateObjects } from '../../../server/src/rollout/render';
import { crdErrors, crdSkip } from './crd';
import { cardOf, exampleCard, ROOT, SEED } from './helpers';

const doc = readFileSync(join(ROOT, 'docs/rollout.md'), 'utf8');

/** The yaml blocks right after a `<!-- marker -->` line, with the marker's words. */
function blocks(marker: string): { args: string[]; line: number; docs: Record<string, unknown>[] }[] {
  const lines = doc.split('\n');
  const out: { args: string[]; line: number; docs: Record<string, unknown>[] }[] = [];
  lines.forEach((l, i) => {
    const m = new RegExp(`^<!-- ${marker}:?\\s*(.*?)\\s*-->$`).exec(l);
    if (!m || lines[i + 1] !== '```yaml') return;
    const end = lines.indexOf('```', i + 2);
    const text = lines.slice(i + 2, end).join('\n');
    out.push({ args: (m[1] ?? '').split(/\s+/).filter(Boolean), line: i + 1, docs: parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>) });
  });
  return out;
}

describe('docs/rollout.md', () => {
  it('shows exactly what rollout generates', () => {
    const generated = blocks('generated');
    assert.ok(generated.length >= 2);
    for (const b of generated) {
      const [name, target] = b.args as [string, 'argo' | 'flagger'];
      const card = name === 'seed' ? cardOf(SEED) : exampleCard(name);
      const objects = generateObjects(planRollout(card, target), target, { prometheusUrl: 'http://prometheus.monitoring:9090' }).map((o) => o.object);
      for (const d of b.docs) assert.ok(objects.some((o) => JSON.stringify(o) === JSON.stringify(d)), `docs/rollout.md:${b.line}: ${String(d['kind'])} is not what rollout generates for ${name} ${target}`);
    }
  });
  it('has engine examples that validate against the upstream CRDs', { skip: crdSkip }, () => {
    const examples = blocks('crd');
    assert.equal(examples.length, 3);
    for (const b of examples) for (const d of b.docs) assert.deepEqual(crdErrors(d), [], `docs/rollout.md:${b.line}`);
  });
  it('lists every built-in metric in the catalogue table', () => {
    const table = doc.slice(doc.indexOf('## The metric catalogue'), doc.indexOf('## Argo Rollouts'));
    for (const m of BUILT_IN_METRICS) {
      const named = table.includes(`\`${m}\``) || (/^p\d+_latency_(ms|seconds)$/.test(m) && table.includes(`\`pNN_latency_${m.endsWith('ms') ? 'ms' : 'seconds'}\``));
      assert.ok(named, m);
    }
  });
});
