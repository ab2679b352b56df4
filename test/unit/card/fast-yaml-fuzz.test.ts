/**
 * Differential fuzzing of the fast YAML path: thousands of seeded, card-like documents with nasty
 * scalars, comments at every indentation and random mutations, each parsed by fastParse and by the
 * `yaml` package. Whenever the fast path answers, it must agree with the package node for node;
 * whenever the package reports a problem, the fast path must defer to it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { compareWithYaml } from '../../../server/src/card/fast-yaml/compare';
import { sweepSize } from '../../exhaustive';

// The full sweeps (6,000 documents, 400 edits) run in `npm run test:exhaustive`; `npm test` runs the first seeds of each.
const DOCUMENTS = sweepSize(1500, 6000);
const EDITS = sweepSize(120, 400);

/** A small seeded PRNG (mulberry32), so every failure is reproducible from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scalars inside the subset, in every form the core schema distinguishes. */
const SCALARS = [
  '0', '-0', '+12', '1_000', '0x1F', '0X1F', '0o17', '0o8', '017', '1e3', '1E+3', '-1.5e-3', '.5', '5.', '-.inf', '.Inf',
  '.NaN', '.nan', 'nan', 'inf', '1.0', '1.50', '2026-11-26', '2026-11-26T06:00:00Z', 'yes', 'no', 'on', 'off', 'true',
  'True', 'TRUE', 'tRue', 'false', 'null', 'Null', 'NULL', '~', '12:30', '1:2', 'hello world', 'a#b', 'a #b', 'x:y',
  'models:/churn-model/43', 'p99_latency_ms > 800', 'error_rate > 0.8%', '-x', '?x', ':x', 'a,b', 'a[1]', 'x]',
  'ünïcødé ✓', '"quoted"', "'single'", '"esc \\n \\t \\" \\\\ \\x41 \\u00e9 \\U0001F600 \\/ \\_"', "'it''s'", '"a: b # c"',
  "'#not a comment'", 'runbooks/churn.md#burn-rate', '"@maria.k"', '">"', "''", '""', '--', '0.0', '-12', '+.5', '1e',
  '0x', '.', '+', 'a  b', "'a\"b'", '{x}', '0.10', '1.000', '-0.0', '+0', '0b101', '1__0', '0o', '1.2.3', 'Infinity',
];
/** Scalars that `yaml` rejects or that fall outside the subset. */
const BAD_SCALARS = [
  'x: y', '@maria', '`x`', '%x', '- x', '[x', '"bad \\q"', '"unterminated', '&anchor x', '*alias', '!tag x', '!!str 1', '-',
  'end:', '"x" y', '"\\x4"', '"\\u12"', '? x', '|x', '"a"#c',
];
const FLOWS = [
  '[5, 25, 50, 100]', '[]', '{}', '[a, [b, c], {d: e}]', '{ name: x, type: long }', '{a: 1,b: 2}', '[ 1 , 2 ]',
  '{ "op": ">", value: 0.25 }', '{ a: [x, y], b: {c: d} }', '[ "q", \'r\' ]', '[a b, c#d]', '{ url: http://x:8080/p }',
  '{ a: 1, a: 2 }', '[ [ ], { } ]', '[-1, +2, .5, 0x1F]', '[ month_to_month, one_year ]  ', '{ k: "v, w" }',
  '{ k , x:1 , "q" , n: v }', '{k}', '{ k: }', '{ k: , "j":  }', '{ name:churn_score, type: double }', '{ a }',
];
const BAD_FLOWS = ['[a,]', '[a: 1]', '{"a":1}', '[1, 2', '[a, e #f]', '[, a]', '{a:}', '[a]x', '{ a[b] }'];
const BLOCK_HEADERS = ['|', '|-', '|+', '>', '>-', '>+', '> # folded', '|  '];
const BAD_BLOCK_HEADERS = ['|2', '|x', '>#c', '|-+'];
const KEYS = ['release_id', 'owner', 'steps', 'a b', '"quoted key"', "'k'", '1', 'true', 'null', 'x#y', 'k', 'k2', '0x1F', '"a\\tb"'];
const BAD_KEYS = ['? k', '&a k', '[k]', '"k"x', '!t k'];

/** A key made unique within its mapping (inside the quotes of a quoted key). */
function numbered(key: string, i: number): string {
  return /^["']/.test(key) ? `${key.slice(0, -1)}${i}${key.slice(-1)}` : `${key}${i}`;
}

/** Builds one card-like document from a seeded generator. */
class Gen {
  private readonly out: string[] = [];
  constructor(private readonly r: () => number) {}

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)] as T;
  }

  /** Mostly a good item, sometimes (5%) one outside the subset. */
  some(good: readonly string[], bad: readonly string[]): string {
    return this.pick(this.chance(0.05) ? bad : good);
  }

  chance(p: number): boolean {
    return this.r() < p;
  }

  doc(): string {
    this.trivia(0);
    if (this.chance(0.85)) this.map(0, 0, '');
    else this.seq(0, 0, '');
    this.trivia(0);
    let text = this.out.join('\n');
    if (this.chance(0.8)) text += '\n';
    return text;
  }

  /** Blank lines, whitespace-only lines and comments at random indentation. */
  private trivia(indent: number): void {
    while (this.chance(0.25)) {
      const kind = this.r();
      const pad = ' '.repeat(Math.max(0, indent + Math.floor(this.r() * 7) - 3));
      this.out.push(kind < 0.4 ? '' : kind < 0.55 ? pad : `${pad}#${this.chance(0.8) ? ' note' : ''}`);
    }
  }

  private tail(): string {
    const spaces = this.chance(0.2) ? '   ' : '';
    return spaces + (this.chance(0.2) ? `  # ${this.pick(['c', 'x: y', '#', ''])}` : '');
  }

  private map(indent: number, depth: number, first: string): void {
    const n = 1 + Math.floor(this.r() * 4);
    for (let i = 0; i < n; i++) {
      const lead = i === 0 && first ? first : ' '.repeat(indent);
      const key = this.chance(0.85) ? numbered(this.pick(KEYS), i) : this.some(KEYS, BAD_KEYS);
      this.entry(`${lead}${key}:`, indent, depth);
      this.trivia(indent);
    }
  }

  private seq(indent: number, depth: number, first: string): void {
    const n = 1 + Math.floor(this.r() * 4);
    for (let i = 0; i < n; i++) {
      const lead = (i === 0 && first ? first : ' '.repeat(indent)) + '-';
      const k = this.r();
      if (k < 0.3 && depth < 4) {
        const col = indent + 2 + (this.chance(0.1) ? 1 : 0);
        this.map(col, depth + 1, `${lead}${' '.repeat(col - indent - 1)}`);
      } else if (k < 0.4 && depth < 4) {
        this.out.push(lead + this.tail());
        this.block(indent + 2, depth + 1);
      } else if (k < 0.45) {
        // An empty item (what typing a new list entry leaves), sometimes a nested `- - x`.
        this.out.push(lead + (this.chance(0.1) ? ' - x' : this.tail()));
      } else this.value(`${lead} `, indent, depth);
      this.trivia(indent);
    }
  }

  /** A key line and its value: inline, block scalar, nested collection or nothing. */
  private entry(keyLine: string, indent: number, depth: number): void {
    const k = this.r();
    if (k < 0.25 && depth < 4) {
      this.out.push(keyLine + this.tail());
      this.trivia(indent + 2);
      this.block(this.chance(0.3) ? indent : indent + 2 + (this.chance(0.15) ? 2 : 0), depth + 1);
    } else if (k < 0.32) {
      this.out.push(keyLine + this.tail());
    } else this.value(`${keyLine} `, indent, depth);
  }

  private block(indent: number, depth: number): void {
    if (this.chance(0.5)) this.map(indent, depth, '');
    else this.seq(indent, depth, '');
  }

  /** An inline value after `prefix`: scalar, flow collection or block scalar. */
  private value(prefix: string, indent: number, depth: number): void {
    const k = this.r();
    if (k < 0.5) this.out.push(prefix + this.some(SCALARS, BAD_SCALARS) + this.tail());
    else if (k < 0.6) {
      // A plain scalar continued on deeper lines, with blank lines folding to line breaks.
      this.out.push(prefix + this.pick(['one', 'a b', 'x: y', '12', '"q"', '-', 'end #c']));
      for (let n = 1 + Math.floor(this.r() * 3); n > 0; n--) {
        if (this.chance(0.3)) this.out.push(this.chance(0.5) ? '' : '  ');
        this.out.push(' '.repeat(indent + 1 + Math.floor(this.r() * 3)) + this.pick(SCALARS) + (this.chance(0.2) ? '  ' : ''));
      }
    }
    else if (k < 0.8) this.out.push(prefix + this.some(FLOWS, BAD_FLOWS) + this.tail());
    else {
      this.out.push(prefix + this.some(BLOCK_HEADERS, BAD_BLOCK_HEADERS));
      const base = indent + 2 + (this.chance(0.2) ? 2 : 0);
      const n = Math.floor(this.r() * 5);
      for (let i = 0; i < n; i++) {
        const x = this.r();
        this.out.push(x < 0.15 ? '' : x < 0.25 ? ' '.repeat(base + 3) : x < 0.35 ? `${' '.repeat(base + 2)}deeper ${i}` : `${' '.repeat(base)}line ${i} # kept`);
      }
    }
  }
}

const INSERTS = ['\t', ':', '-', ' ', '#', '"', "'", '\n', '[', ']', '{', '}', ',', '|', '>', '&', '*', '!', '?', 'x', '0', ': ', '- ', '\r'];

/** Applies one random edit of the kind a typing user makes. */
function mutate(text: string, r: () => number): string {
  const pos = Math.floor(r() * (text.length + 1));
  const k = r();
  if (k < 0.35) return text.slice(0, pos) + text.slice(pos + 1);
  if (k < 0.75) return text.slice(0, pos) + (INSERTS[Math.floor(r() * INSERTS.length)] as string) + text.slice(pos);
  const lines = text.split('\n');
  const at = Math.floor(r() * lines.length);
  if (k < 0.85) lines.splice(at, 0, lines[at] ?? '');
  else if (k < 0.93) lines[at] = ' ' + (lines[at] ?? '');
  else lines[at] = (lines[at] ?? '').replace(/^ /, '');
  return lines.join('\n');
}

describe('fastParse against the yaml package on generated documents', () => {
  it(`agrees node for node on ${DOCUMENTS.toLocaleString('en')} seeded documents, half of them mutated`, () => {
    let fast = 0;
    let accepted = 0;
    const total = DOCUMENTS;
    for (let seed = 1; seed <= total; seed++) {
      const r = rng(seed);
      let text = new Gen(r).doc();
      if (seed % 2 === 0) for (let m = 1 + Math.floor(r() * 3); m > 0; m--) text = mutate(text, r);
      const result = compareWithYaml(text);
      if (result.mismatch) assert.fail(`seed ${seed}: ${result.mismatch}\n--- text ---\n${text}`);
      if (result.fast) fast++;
      if (!result.yamlRejects) accepted++;
    }
    console.log(`fast-yaml fuzz: ${total} documents, ${accepted} valid for the package, fast path answered ${fast} (${((100 * fast) / Math.max(1, accepted)).toFixed(1)}% of valid ones)`);
    assert.ok(fast > total / 10, 'the generator should mostly stay within the subset');
  });
});

describe('fastParse against the yaml package while a user edits a real card', () => {
  it(`agrees on ${EDITS} seeded edits (one to three each) of the example cards`, () => {
    const cards = ['churn', 'churn-blocked'].map((name) => readFileSync(resolve(__dirname, `../../../examples/${name}/release-card.yaml`), 'utf8'));
    let fast = 0;
    let accepted = 0;
    const total = EDITS;
    for (let seed = 1; seed <= total; seed++) {
      const r = rng(100000 + seed);
      let text = cards[seed % cards.length] as string;
      for (let m = 1 + Math.floor(r() * 3); m > 0; m--) text = mutate(text, r);
      const result = compareWithYaml(text);
      if (result.mismatch) assert.fail(`edit seed ${seed}: ${result.mismatch}\n--- text ---\n${text}`);
      if (result.fast) fast++;
      if (!result.yamlRejects) accepted++;
    }
    console.log(`fast-yaml edits: ${total} edited cards, ${accepted} valid for the package, fast path answered ${fast} (${((100 * fast) / Math.max(1, accepted)).toFixed(1)}% of valid ones)`);
    assert.ok(fast > total / 3);
  });
});
