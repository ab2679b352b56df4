// CI formats of `release-gates check`: SARIF 2.1.0 validated against a committed subset of the
// official schema, JUnit XML checked for well-formedness and counts, GitHub annotations checked
// for escaping. Inputs are real findings of real cards (rules, schema errors, suppressions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Finding } from '../../server/src/card/findings';
import { checkText } from '../../server/src/check';
import { checkCommand } from '../../server/src/cli/check';
import { formatReport, isReportFormat } from '../../server/src/report';
import { annotation, escapeData, escapeProperty } from '../../server/src/report/github';
import { formatJUnit } from '../../server/src/report/junit';
import { sarifLevel, toSarif } from '../../server/src/report/sarif';
import { RULE_IDS } from '../../server/src/rules/registry';

const root = join(__dirname, '..', '..');
const NOW = new Date('2026-11-26T12:00:00Z');

function checked(path: string, text: string): { path: string; findings: Finding[] } {
  return { path, findings: checkText(path, text, { now: NOW }).findings };
}

const files = [
  checked('examples/seed/release-card.yaml', readFileSync(join(root, 'examples', 'seed', 'release-card.yaml'), 'utf8')),
  checked('examples/churn/release-card.yaml', readFileSync(join(root, 'examples', 'churn', 'release-card.yaml'), 'utf8')),
  checked('cards/odd name, 100%.release.yaml', [
    'release_id: ml-2026-11-26.1',
    'artifacts:',
    '  model_uri: models:/churn-model/latest',
    '  # release-gates-disable-next-line no-unpinned-artifact',
    '  preprocessing_image: registry/preproc:latest',
    'gates: { data_gate: maybe }',
    'rollout: { strategy: canary, steps: [5, 50] }',
    'colour: blue',
    '',
  ].join('\n')),
];

/**
 * Strict ajv, except for two patterns the official SARIF schema itself uses: `anyOf` branches
 * that only say `required` (strictRequired) and the `["array", "null"]` type of `runs`.
 */
function sarifValidator(): Ajv {
  const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

test('the inputs cover rule, schema and suppression findings, and a clean card', () => {
  const codes = new Set(files.flatMap((f) => f.findings.map((x) => x.code)));
  assert.ok(codes.has('no-asserted-gate-status') && codes.has('schema-unknown-property') && codes.has('suppression-missing-reason'));
  assert.equal(files[1]!.findings.length, 0);
});

test('SARIF output validates against the SARIF 2.1.0 schema subset', () => {
  const schema = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-subset.schema.json'), 'utf8')) as object;
  const validate = sarifValidator().compile(schema);
  const log = JSON.parse(formatReport('sarif', files, { version: '0.1.0' })) as unknown;
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const empty = JSON.parse(formatReport('sarif', [])) as unknown;
  assert.ok(validate(empty), JSON.stringify(validate.errors, null, 2));
});

test('the schema subset rejects what the official schema rejects', () => {
  const schema = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-subset.schema.json'), 'utf8')) as object;
  const validate = sarifValidator().compile(schema);
  const good = toSarif(files) as { runs: { results: { level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  const broken = structuredClone(good);
  broken.runs[0]!.results[0]!.level = 'fatal';
  assert.equal(validate(broken), false);
  const zero = structuredClone(good);
  zero.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
  assert.equal(validate(zero), false);
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'driver needs a name');
});

test('SARIF rules describe every code that appears, with help links for rules and levels', () => {
  const log = toSarif(files) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string; help?: { text: string }; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[] }[] };
  const run = log.runs[0]!;
  const ids = run.tool.driver.rules.map((r) => r.id);
  assert.deepEqual(ids, [...new Set(files.flatMap((f) => f.findings.map((x) => x.code)))].sort());
  for (const r of run.tool.driver.rules) {
    assert.ok(r.shortDescription.text.length > 0);
    // No public site hosts the pages: the help names the page in the package and the command that prints it.
    assert.equal(r.helpUri, undefined);
    if ((RULE_IDS as readonly string[]).includes(r.id)) assert.equal(r.help?.text, `See docs/rules/${r.id}.md in the release-gates package, or run "release-gates explain ${r.id}".`);
  }
  assert.equal(run.tool.driver.rules.find((r) => r.id === 'require-owner')?.defaultConfiguration.level, 'warning');
  for (const res of run.results) assert.equal(ids[res.ruleIndex], res.ruleId);
  const seedFirst = run.results[0]!;
  const f = files[0]!.findings[0]!;
  assert.deepEqual(seedFirst.locations[0]!.physicalLocation.region, { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 });
  assert.equal(seedFirst.level, sarifLevel(f.severity));
  const odd = run.results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('cards/'));
  assert.equal(odd?.locations[0]!.physicalLocation.artifactLocation.uri, 'cards/odd%20name,%20100%25.release.yaml');
  assert.deepEqual([sarifLevel('error'), sarifLevel('warning'), sarifLevel('info'), sarifLevel('hint')], ['error', 'warning', 'note', 'note']);
});

/** A small strict XML well-formedness check: one root, balanced tags, quoted attributes, valid entities. */
function assertWellFormedXml(xml: string): { tags: string[] } {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  assert.notEqual(body, xml, 'XML declaration');
  const stack: string[] = [];
  const tags: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(body)) !== null) {
    consumed = token.lastIndex;
    const [, close, name, attrs, selfClose, text] = m;
    const chunk = text ?? attrs ?? '';
    assert.doesNotMatch(chunk.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, ''), /&/, `bad entity in ${chunk}`);
    if (text !== undefined) {
      assert.ok(stack.length > 0 || /^\s*$/.test(text), 'text outside the root');
      continue;
    }
    if (close) {
      assert.equal(stack.pop(), name, `closing </${name}>`);
    } else {
      if (stack.length === 0) roots++;
      tags.push(name as string);
      if (!selfClose) stack.push(name as string);
    }
  }
  assert.equal(consumed, body.length, `unparsable XML at: ${body.slice(consumed, consumed + 80)}`);
  assert.deepEqual(stack, []);
  assert.equal(roots, 1);
  return { tags };
}

test('JUnit XML is well-formed: a suite per card, a case per card and code, failures for errors only', () => {
  const xml = formatJUnit(files);
  const { tags } = assertWellFormedXml(xml);
  assert.equal(tags.filter((t) => t === 'testsuite').length, files.length);
  const seedCodes = new Set([...RULE_IDS, ...files[0]!.findings.map((f) => f.code)]);
  const seedSuite = xml.split('<testsuite ')[1]!;
  assert.equal((seedSuite.match(/<testcase /g) ?? []).length, seedCodes.size);
  const errorCodes = new Set(files[0]!.findings.filter((f) => f.severity === 'error').map((f) => f.code));
  assert.equal((seedSuite.match(/<failure /g) ?? []).length, errorCodes.size);
  assert.match(seedSuite, new RegExp(`failures="${errorCodes.size}"`));
  assert.match(seedSuite, /<testcase classname="examples\/seed\/release-card.yaml" name="no-asserted-gate-status">\n\s+<system-out>/);
  const churnSuite = xml.split('<testsuite ')[2]!;
  assert.doesNotMatch(churnSuite, /<failure/);
  const total = files.reduce((n, f) => n + new Set([...RULE_IDS, ...f.findings.map((x) => x.code)]).size, 0);
  assert.match(xml, new RegExp(`<testsuites name="release-gates check" tests="${total}"`));
});

test('JUnit escapes markup and control characters in messages and names', () => {
  const f: Finding = { code: 'require-owner', severity: 'error', message: 'a <b> & "c" \'d\'\u0007 ]]> e\nf', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  const xml = formatJUnit([{ path: 'x<&>".yaml', findings: [f] }], { codes: [] });
  assertWellFormedXml(xml);
  assert.match(xml, /message="a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\uFFFD \]\]&gt; e&#10;f"/);
  assert.match(xml, /name="x&lt;&amp;&gt;&quot;.yaml"/);
});

test('GitHub annotations escape data and properties as the Actions toolkit does', () => {
  assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
  assert.equal(escapeProperty('a:b,c%d\ne'), 'a%3Ab%2Cc%25d%0Ae');
  const f: Finding = { code: 'valid-auto-rollback', severity: 'error', message: 'error_rate > 8: 800 %,\nreally', range: { start: { line: 4, character: 6 }, end: { line: 4, character: 21 } } };
  assert.equal(annotation('cards/a,b:c.yaml', f), '::error file=cards/a%2Cb%3Ac.yaml,line=5,col=7,endLine=5,endColumn=21,title=release-gates valid-auto-rollback::error_rate > 8: 800 %25,%0Areally');
  const w: Finding = { ...f, severity: 'hint', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  assert.match(annotation('c.yaml', w), /^::notice file=c.yaml,line=1,col=1,endLine=1,endColumn=1,/);
});

test('GitHub output has one annotation line per finding, nothing for clean cards', () => {
  const out = formatReport('github', files);
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.length, files.reduce((n, f) => n + f.findings.length, 0));
  for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::/);
  assert.equal(formatReport('github', [files[1]!]), '');
});

test('report formats are named once', () => {
  assert.ok(isReportFormat('sarif') && isReportFormat('junit') && isReportFormat('github'));
  assert.ok(!isReportFormat('text') && !isReportFormat('json'));
});

test('release-gates check --format sarif|junit|github prints the CI formats and keeps the exit codes', async () => {
  for (const format of ['sarif', 'junit', 'github']) {
    let out = '';
    const io = { cwd: root, isTTY: false, env: {}, out: (t: string) => { out += t; }, err: () => undefined };
    assert.equal(await checkCommand.run(['examples/seed/release-card.yaml', '--format', format], io), 1, format);
    if (format === 'sarif') assert.equal((JSON.parse(out) as { version: string }).version, '2.1.0');
    if (format === 'junit') assertWellFormedXml(out);
    if (format === 'github') assert.match(out, /^::warning file=examples\/seed\/release-card.yaml,line=1,/);
    out = '';
    assert.equal(await checkCommand.run(['examples/churn/release-card.yaml', '--format', format], io), 0, format);
  }
});
