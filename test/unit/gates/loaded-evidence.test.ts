import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeProblem, describeProblems } from '../../../server/src/gates/engine/loaded-evidence';

describe('wording of evidence problems', () => {
  it('names the file and location once, whatever the loader already wrote', () => {
    assert.equal(describeProblem({ file: 'd/a.csv', line: 2, message: 'd/a.csv: line 2: a quoted field is never closed.' }), 'd/a.csv (line 2): a quoted field is never closed');
    assert.equal(describeProblem({ file: 'd/a.csv', row: 7, column: 'score', message: "'x' is not a number" }), "d/a.csv (row 7, column score): 'x' is not a number");
    assert.equal(describeProblem({ file: 'd/a.csv', message: "Evidence file 'd/a.csv' does not exist." }), "Evidence file 'd/a.csv' does not exist");
  });

  it('introduces the file only when the problems do not name it, and counts the rest', () => {
    assert.equal(describeProblems({ file: 'd/a.csv', problems: [{ file: 'd/a.csv', message: "Evidence file 'd/a.csv' does not exist." }] }), "Evidence file 'd/a.csv' does not exist.");
    const many = Array.from({ length: 5 }, (_, i) => ({ file: 'k', message: `problem ${i}` }));
    assert.equal(describeProblems({ file: 'd/b.csv', problems: many }), 'Evidence d/b.csv could not be used: k: problem 0; k: problem 1; k: problem 2 (and 2 more problems).');
    assert.equal(describeProblems({ file: 'd/b.csv', problems: [] }), 'Evidence d/b.csv could not be used.');
  });
});
