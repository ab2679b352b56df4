// Limits on what one card can cost (issue 13): at most 500 findings and one closing finding that
// counts the rest with their worst severity, and a refusal of files with more YAML entries than a
// card needs, before the YAML parser builds hundreds of thousands of nodes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capFindings, countSeverity, MAX_FINDINGS, noneOmitted, type Finding, type Severity } from '../../../server/src/card/findings';
import { countEntries, parseCard } from '../../../server/src/card/parse';
import { checkText } from '../../../server/src/check';
import { colonLines, manySuppressions, manyUnknownKeys } from './hostile-cards';
import { MINIMAL, withCode } from './helpers';

/** A finding on a line with a severity. */
function finding(line: number, severity: Severity = 'warning'): Finding {
  return { code: 'x', severity, message: 'm', range: { start: { line, character: 0 }, end: { line, character: 1 } } };
}

describe('at most 500 findings per card', () => {
  it('keeps short lists as they are', () => {
    const list = [finding(0), finding(1)];
    assert.deepEqual(capFindings(list), list);
    assert.equal(MAX_FINDINGS, 500);
  });

  it('closes a long list with one finding counting the rest, at the worst hidden severity', () => {
    const list = Array.from({ length: 700 }, (_, i) => finding(i, i === 650 ? 'error' : 'warning'));
    const capped = capFindings(list);
    assert.equal(capped.length, 501);
    const last = capped[500];
    assert.equal(last?.code, 'findings-not-shown');
    assert.equal(last?.severity, 'error');
    assert.match(last?.message ?? '', /^200 more findings not shown \(1 error, 199 warnings\)/);
    assert.deepEqual(last?.range.start, { line: 499, character: 0 });
  });

  it('counts findings a pass only counted', () => {
    const omitted = { ...noneOmitted(), hint: 3 };
    const capped = capFindings([finding(0)], omitted);
    assert.equal(capped.length, 2);
    assert.equal(capped[1]?.severity, 'hint');
    assert.match(capped[1]?.message ?? '', /^3 more findings not shown \(3 hints\)/);
  });

  it('caps check on 16,000 unknown keys, which still fails', () => {
    const { findings } = checkText('c.release.yaml', manyUnknownKeys(16_000));
    assert.equal(findings.length, MAX_FINDINGS + 1);
    const last = findings[MAX_FINDINGS];
    assert.equal(last?.code, 'findings-not-shown');
    assert.equal(last?.severity, 'error');
    assert.match(last?.message ?? '', /^15,\d{3} more findings not shown/);
    // Totals (the CLI's summary line) count what the closing finding stands for, not 1 for it.
    assert.ok(countSeverity(findings, 'error') > 16_000, String(countSeverity(findings, 'error')));
  });

  it('caps duplicate keys while parsing and counts the rest', () => {
    const parsed = parseCard(MINIMAL + 'x_dup: 1\n'.repeat(2000));
    assert.equal(parsed.findings.length, MAX_FINDINGS);
    assert.equal(parsed.omitted.error, 1999 - MAX_FINDINGS);
    const { findings } = checkText('c.release.yaml', MINIMAL + 'x_dup: 1\n'.repeat(2000));
    assert.match(findings[findings.length - 1]?.message ?? '', /more findings not shown \(\d[\d,]* errors/);
  });

  it('caps the findings about 4,000 unused suppressions', () => {
    const { findings } = checkText('c.release.yaml', manySuppressions(4000));
    assert.equal(findings.length, MAX_FINDINGS + 1);
    assert.equal(withCode(findings, 'suppression-unused').length, MAX_FINDINGS);
    // The seed card's rule errors come after the 4,000 comment lines, so they are among the hidden.
    assert.equal(findings[MAX_FINDINGS]?.severity, 'error');
    assert.match(findings[MAX_FINDINGS]?.message ?? '', /\(\d+ errors?, 3,5\d\d warnings\)/);
  });
});

describe('at most 50,000 YAML entries per card', () => {
  it('counts content lines and flow items, not blank or comment lines', () => {
    assert.equal(countEntries('a: 1\n\n# note\n  b: [1, 2, 3]\n').count, 4);
  });

  it('refuses 1 MB of ":" lines with one finding where the limit is passed', () => {
    const parsed = parseCard(colonLines(1_000_000));
    assert.deepEqual(parsed.findings.map((f) => f.code), ['file-too-many-entries']);
    assert.equal(parsed.findings[0]?.range.start.line, 50_000);
    assert.match(parsed.findings[0]?.message ?? '', /about 500,000 YAML entries .* above the 50,000/);
    assert.equal(parsed.doc, undefined);
  });

  it('still parses a card just under the limit', () => {
    const parsed = parseCard(manyUnknownKeys(40_000));
    assert.equal(parsed.structural, true);
    assert.deepEqual(parsed.findings, []);
  });
});
