/**
 * Generates random CSV files (as bytes) with every feature the loader handles, and random loader
 * options, for the differential test of the byte parser against the old string parser.
 */
import { type ColumnType, DEFAULT_MISSING_TOKENS } from '../../../server/src/evidence';
import type { CsvOptions } from '../../../server/src/evidence/csv';
import type { TestRandom } from './random';

/** One generated case: the file's bytes and the options to load it with. */
export interface CsvCase {
  bytes: Buffer;
  options: CsvOptions;
}

const WORDS = ['north', 'south', 'east', 'west', 'a', 'b', 'x1', 'card', 'wallet', 'é', 'naïve', '日本', '😀', 'Ωmega', 'with space', ' padded '];
// The loader's own list, so the parsers are compared on exactly the tokens they treat as missing.
const MISSING = DEFAULT_MISSING_TOKENS;
const BOOLEANS = ['true', 'false', 'TRUE', 'False', 'tRuE'];
const TIMESTAMPS = ['2025-01-01', '2025-01-01T00:00:00Z', '2025-01-01 10:00:00', '2025-01-01T00:00:03.250Z', '2025-13-45', '2025-01-01T00:00:00.123456789+02:00', '2025-01-01T10:00'];
const ODD_BYTES = [Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc3]), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xef, 0xbb, 0xbf])];
const DELIMITERS = [',', ',', ',', ',', '\t', ';', '|', ' ', '.', 'e', '-', '5', '"', '\r', ''];
const TYPES: readonly ColumnType[] = ['numeric', 'categorical', 'boolean', 'timestamp'];

/** A number in one of the spellings producers use, or a near-number. */
function numberText(rng: TestRandom): string {
  const x = (rng.next() - 0.3) * 10 ** (rng.int(8) - 2);
  return rng.pick([
    () => String(Math.round(x)),
    () => x.toFixed(rng.int(6)),
    () => String(x),
    () => x.toExponential(rng.int(4)),
    () => rng.pick(['-0', '0', '00', '007', '5.', '.5', '+.5e3', '1e400', '-1e-400', '0x1F', '1e', 'Infinity', 'inf', '-INF', '+infinity', 'infinit', '-', '12345678901234567890', '0.1000000000000000000001', '-999', '1_0']),
    () => `${rng.int(100)}.${rng.int(1000)}`,
  ])();
}

/** A cell of a column whose values are mostly of `kind`. */
function cellText(rng: TestRandom, kind: number): string {
  if (rng.chance(0.08)) return rng.pick(MISSING);
  if (rng.chance(0.04)) kind = rng.int(6);
  switch (kind) {
    case 0:
      return numberText(rng);
    case 1:
      return rng.pick(BOOLEANS);
    case 2:
      return rng.pick(TIMESTAMPS);
    case 3:
      return rng.pick(WORDS);
    case 4:
      // Many distinct labels sharing first byte and length, some long: the text cache's hard case.
      return rng.chance(0.2) ? `long-${'x'.repeat(rng.pick([4, 20, 60]))}-${rng.int(50)}` : `u${1000 + rng.int(rng.chance(0.5) ? 40 : 3000)}`;
    default:
      return rng.chance(0.5) ? numberText(rng) : rng.pick(WORDS);
  }
}

/** Writes a cell with the quoting, padding and byte-level oddities a real file may have. */
function writeCell(rng: TestRandom, text: string, delimiter: string): Buffer {
  const parts: Buffer[] = [];
  const roll = rng.next();
  if (roll < 0.15) {
    // Quoted, sometimes with doubled quotes, delimiters and line breaks inside.
    let inner = text;
    if (rng.chance(0.3)) inner += rng.pick(['""', '"" x ""', '\n', '\r\n', '\r', delimiter, `a${delimiter}b`, '""""']);
    parts.push(Buffer.from(`"${inner}"`));
    // Text after the closing quote, or a space, is broken quoting.
    if (rng.chance(0.05)) parts.push(Buffer.from(rng.pick(['x', ' ', '"', '\r'])));
  } else if (roll < 0.25) {
    parts.push(Buffer.from(`${rng.pick([' ', '\t', '  '])}${text}${rng.pick(['', ' ', '\t', '\r'])}`));
  } else {
    parts.push(Buffer.from(text));
  }
  if (rng.chance(0.02)) parts.splice(rng.int(parts.length + 1), 0, rng.pick(ODD_BYTES));
  return Buffer.concat(parts);
}

/** A header name: usually distinct, sometimes empty, duplicated, quoted or non-ASCII. */
function headerName(rng: TestRandom, c: number): string {
  if (rng.chance(0.05)) return '';
  if (rng.chance(0.05)) return 'dup';
  if (rng.chance(0.05)) return rng.pick(['名前', 'naïve col', 'c"q']);
  return `c${c}`;
}

/** The bytes of a random file with `columns` columns. */
function fileBytes(rng: TestRandom, columns: number, kinds: number[], delimiter: string): Buffer {
  const parts: Buffer[] = [];
  if (rng.chance(0.1)) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  const eol = () => (rng.chance(0.3) ? '\r\n' : '\n');
  const names = Array.from({ length: columns }, (_, c) => headerName(rng, c));
  parts.push(Buffer.from(names.map((n) => (n.includes('"') || rng.chance(0.1) ? `"${n.replace(/"/g, '""')}"` : n)).join(delimiter)), Buffer.from(eol()));
  const rows = rng.chance(0.1) ? 0 : rng.chance(0.01) ? 3000 : rng.int(rng.chance(0.1) ? 400 : 40);
  for (let r = 0; r < rows; r++) {
    if (rng.chance(0.05)) parts.push(Buffer.from(rng.pick(['', ' ', '\r', '""'])), Buffer.from(eol()));
    let width = columns;
    if (rng.chance(0.05)) width = Math.max(1, columns + rng.int(5) - 2);
    const cells = Array.from({ length: width }, (_, c) => writeCell(rng, cellText(rng, kinds[c % columns] as number), delimiter));
    cells.forEach((cell, c) => parts.push(c > 0 ? Buffer.from(delimiter) : Buffer.alloc(0), cell));
    if (r < rows - 1 || rng.chance(0.7)) parts.push(Buffer.from(eol()));
  }
  if (rng.chance(0.05)) parts.push(Buffer.from(delimiter));
  if (rng.chance(0.03)) parts.push(Buffer.from(`${delimiter}"never closed\n1${delimiter}2\n`));
  return Buffer.concat(parts);
}

/** Random loader options: declared types, missing tokens, problem cap, minimum rows. */
function options(rng: TestRandom, columns: number, delimiter: string): CsvOptions {
  const out: CsvOptions = {};
  if (delimiter !== ',' || rng.chance(0.1)) out.delimiter = delimiter;
  if (rng.chance(0.3)) {
    const types: Record<string, ColumnType> = {};
    for (let c = 0; c < columns; c++) if (rng.chance(0.4)) types[`c${c}`] = rng.pick(TYPES);
    if (rng.chance(0.2)) types.absent = 'numeric';
    out.types = types;
  }
  if (rng.chance(0.15)) out.missingTokens = rng.pick([['-999'], ['', '-', 'NA'], ['0', 'north'], [], ['5.', 'true']]);
  if (rng.chance(0.2)) out.maxProblems = 1 + rng.int(5);
  if (rng.chance(0.1)) out.minRows = rng.int(30);
  return out;
}

/** One random case. */
export function generateCase(rng: TestRandom): CsvCase {
  const columns = 1 + rng.int(6);
  const kinds = Array.from({ length: columns }, () => rng.int(6));
  const delimiter = rng.chance(0.8) ? ',' : rng.pick(DELIMITERS);
  return { bytes: fileBytes(rng, columns, kinds, delimiter), options: options(rng, columns, delimiter) };
}
