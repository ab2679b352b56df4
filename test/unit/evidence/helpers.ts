/** Shared helpers for the evidence tests: fixture paths, temp dirs and result unwrapping. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { EvidenceProblem, EvidenceResult } from '../../../server/src/evidence';

/** Absolute path of a committed fixture. */
export function fixture(name: string): string {
  return path.join(__dirname, '..', '..', 'fixtures', 'evidence', name);
}

/** Creates a temp dir and returns it with a cleanup function. */
export function tempDir(): { dir: string; write: (name: string, data: string | Buffer) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rg-evidence-'));
  return {
    dir,
    write: (name, data) => {
      const p = path.join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Asserts success and returns the value. */
export function value<T>(r: EvidenceResult<T>): T {
  if (!r.ok) assert.fail(`expected ok, got problems:\n${r.problems.map((p) => p.message).join('\n')}`);
  return r.value;
}

/** Asserts failure and returns the problems. */
export function problems<T>(r: EvidenceResult<T>): readonly EvidenceProblem[] {
  assert.equal(r.ok, false, 'expected problems, got a value');
  return r.ok ? [] : r.problems;
}

/** `n` as a varint (7 bits a byte, least significant first), as Snappy and Parquet write counts. */
export function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
