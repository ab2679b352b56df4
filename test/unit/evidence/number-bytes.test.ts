import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNumber } from '../../../server/src/evidence';
import { DecimalReader, parseDecimalBytes } from '../../../server/src/evidence/number-bytes';
import { TestRandom } from './random';

/** What the string path gives: parseNumber, with NaN for "not a number". */
function expected(s: string): number {
  return parseNumber(s) ?? NaN;
}

/** Decimal digits, sometimes with leading zeros. */
function digits(rng: TestRandom, max: number): string {
  let s = '';
  const n = rng.int(max + 1);
  for (let i = 0; i < n; i++) s += String(rng.chance(0.15) ? 0 : rng.int(10));
  return s;
}

/** A string built from the number grammar's parts, sometimes broken by one odd character. */
function grammarString(rng: TestRandom): string {
  let s = rng.pick(['', '', '', '-', '+', '--', '+-']) + digits(rng, rng.chance(0.1) ? 25 : 8);
  if (rng.chance(0.6)) s += '.' + digits(rng, rng.chance(0.1) ? 25 : 6);
  if (rng.chance(0.25)) s += rng.pick(['e', 'E']) + rng.pick(['', '+', '-']) + rng.pick([digits(rng, 3), String(rng.int(400)), '99999999999', '00000000000000000000000000022']);
  if (rng.chance(0.1)) {
    const at = rng.int(s.length + 1);
    s = s.slice(0, at) + rng.pick([' ', 'x', '.', 'e', '+', '-', '0', '_', '\t', ',', 'é', '٣', 'Infinity']) + s.slice(at);
  }
  return s;
}

/** A double written the ways producers write doubles. */
function printedDouble(rng: TestRandom): string {
  const x = rng.pick([
    () => (rng.next() - 0.5) * 10 ** rng.int(30),
    () => rng.next() * 10 ** (rng.int(640) - 330),
    () => new Float64Array(new Uint32Array([rng.int(2 ** 32), rng.int(2 ** 32)]).buffer)[0] as number,
    () => rng.int(1e6) / 1000,
  ])();
  if (!Number.isFinite(x)) return String(x);
  return rng.pick([() => String(x), () => x.toFixed(rng.int(21)), () => x.toExponential(rng.int(21)), () => x.toPrecision(1 + rng.int(21))])();
}

const EDGE_CASES = [
  '', '.', '-', '+', '-.', '+.', '5.', '.5', '+.5e3', '-0', '+0', '0', '-0.0', '00', '007', '0.', '-.0e5',
  '1e', '1e+', '1e-', '.e1', 'e1', '1.e5', '1e5', '1E5', '1e-5', '1e+5', '1e400', '-1e400', '1e-400', '0e99999999999',
  '0x1F', '0X1f', '0b1', '0o7', '-0x1F', 'Infinity', '-Infinity', '+Infinity', 'NaN', ' 1', '1 ', '1_000', '١',
  '123456789012345', '1234567890123456', '12345678901234567890', '9007199254740993', '0.1', '0.3', '2.2250738585072014e-308',
  '4.9e-324', '1.7976931348623157e308', '1.7976931348623159e308', '0.000000000000000000000000000001', '1e22', '1e23', '1e-22', '1e-23',
  '999999999999999e22', '999999999999999e-22', '000000000000000000001.5', '1.000000000000000000000',
];

describe('decimal numbers from bytes', () => {
  it('agrees with parseNumber on edge cases', () => {
    for (const s of EDGE_CASES) {
      const b = Buffer.from(s, 'utf8');
      assert.ok(Object.is(parseDecimalBytes(b, 0, b.length), expected(s)), `'${s}'`);
    }
  });

  it('agrees with parseNumber bit for bit on 300,000 generated strings', () => {
    const rng = new TestRandom(20261126);
    const reader = new DecimalReader();
    let numbers = 0;
    for (let n = 0; n < 300_000; n++) {
      const s = rng.chance(0.5) ? grammarString(rng) : printedDouble(rng);
      const want = expected(s);
      // The text sits inside a record, as in a CSV chunk: it must be read in place, up to its end.
      const prefix = rng.pick(['', 'a,', '12,']);
      const b = Buffer.from(`${prefix}${s},7`, 'utf8');
      const start = Buffer.byteLength(prefix);
      const end = start + Buffer.byteLength(s);
      const got = parseDecimalBytes(b, start, end);
      if (!Object.is(got, want)) assert.fail(`'${s}': bytes give ${got}, parseNumber gives ${want}`);
      if (!Number.isNaN(want)) assert.ok(reader.read(b, start) && Object.is(reader.value, want) && reader.end === end, `read '${s}' in place`);
      if (!Number.isNaN(want)) numbers++;
    }
    // Both answers must be well exercised for the comparison to mean something.
    assert.ok(numbers > 150_000 && numbers < 290_000, `${numbers} numbers`);
  });
});
