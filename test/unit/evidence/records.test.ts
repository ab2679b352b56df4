import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { entriesOf, loadDocument, parseYamlDocument } from '../../../server/src/evidence';
import { fixture, problems, tempDir, value } from './helpers';

describe('structured evidence documents', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('gives each entry its line', async () => {
    const doc = value(await loadDocument(fixture('drill-log.yaml'), { displayName: 'rollback/drill-log.yaml' }));
    const drills = entriesOf(doc, ['drills']);
    assert.deepEqual(drills.map((d) => d.line), [3, 7]);
    assert.equal((drills[1]?.value as { rto_seconds: number }).rto_seconds, 187);
    assert.equal(doc.lineAt(['drills', 1, 'owner']), 10);
    assert.equal(doc.lineAt(['drills', 5]), undefined);
    assert.deepEqual(entriesOf(doc).map((e) => [e.key, e.line]), [['drills', 2]]);
  });

  it('reads JSON with lines and JSON Lines with one entry per line', async () => {
    const json = value(await loadDocument(t.write('inv.json', '{\n  "artifacts": [\n    {"uri": "a"},\n    {"uri": "b"}\n  ]\n}\n')));
    assert.deepEqual(entriesOf(json, ['artifacts']).map((e) => e.line), [3, 4]);
    const jsonl = value(await loadDocument(t.write('suite.jsonl', '{"case": 1}\n\n{"case": 2}\n')));
    assert.deepEqual(entriesOf(jsonl).map((e) => e.line), [1, 3]);
  });

  it('ends an alias bomb as a problem, quickly', async () => {
    const started = Date.now();
    const [p] = problems(await loadDocument(fixture('alias-bomb.yaml')));
    assert.equal(p?.code, 'parse');
    assert.match(p?.message ?? '', /aliases expand too much/);
    assert.ok(Date.now() - started < 2000);
  });

  it('refuses extreme nesting before the YAML parser sees it', () => {
    // Each of these made the yaml parser exhaust memory and abort the process.
    for (const text of ['{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000), '- '.repeat(50_000) + 'x']) {
      const [p] = problems(parseYamlDocument(text, 'deep.json'));
      assert.match(p?.message ?? '', /nests too deeply/);
    }
    value(parseYamlDocument('a:\n  - - [1, {"b": [2]}]\n', 'ok.yaml'));
  });

  it('reports YAML syntax errors and duplicate keys with lines', () => {
    const [p] = problems(parseYamlDocument('a: 1\nb: [1, 2\n', 'x.yaml'));
    assert.equal(p?.code, 'parse');
    assert.ok(p?.line);
    const [d] = problems(parseYamlDocument('a: 1\na: 2\n', 'x.yaml'));
    assert.equal(d?.line, 2);
  });

  it('reports bad JSON Lines entries by line', async () => {
    const [p] = problems(await loadDocument(t.write('bad.ndjson', '{"a":1}\n{oops\n')));
    assert.equal(p?.line, 2);
  });
});
