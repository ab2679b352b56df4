/**
 * The fast YAML path against the `yaml` package on every YAML text in the repository, the
 * benchmark cards, hand-picked edge cases of trivia attribution, and the fallbacks it must take.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { Document, parseAllDocuments } from 'yaml';
import { cardOfLines } from '../../../bench/cards';
import { fastParse, FAST_YAML_OPTIONS, parseYamlDocuments } from '../../../server/src/card/fast-yaml';
import { compareWithYaml } from '../../../server/src/card/fast-yaml/compare';

const ROOT = resolve(__dirname, '../../..');

/** Every file under a directory whose name matches, skipping dependencies and build output. */
function filesUnder(dir: string, match: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...filesUnder(path, match));
    else if (entry.isFile() && match.test(entry.name)) out.push(path);
  }
  return out;
}

/** The fenced ```yaml blocks of a Markdown file. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ya?ml[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

/** Asserts agreement and returns whether the fast path answered. */
function agrees(text: string, label: string): boolean {
  const result = compareWithYaml(text);
  assert.equal(result.mismatch, undefined, `${label}: ${result.mismatch}\n${text}`);
  return result.fast;
}

describe('fastParse on the repository and benchmark cards', () => {
  it('agrees with yaml on every YAML file and fenced YAML block in the repository', () => {
    const texts: [string, string][] = [];
    for (const dir of ['examples', 'test/fixtures']) {
      for (const f of filesUnder(join(ROOT, dir), /\.ya?ml$/)) texts.push([f, readFileSync(f, 'utf8')]);
    }
    for (const f of filesUnder(join(ROOT, 'docs'), /\.md$/)) {
      yamlBlocks(readFileSync(f, 'utf8')).forEach((block, i) => texts.push([`${f} block ${i + 1}`, block]));
    }
    let fast = 0;
    for (const [label, text] of texts) if (agrees(text, label)) fast++;
    console.log(`fast-yaml corpus: ${texts.length} repository texts, fast path answered ${fast}`);
    assert.ok(texts.length > 50);
  });

  it('takes the fast path on the example cards and the 35, 1,000 and 10,000-line benchmark cards', () => {
    const example = readFileSync(join(ROOT, 'examples/churn/release-card.yaml'), 'utf8');
    const cards = [example, ...[35, 1000, 10000].map((n) => cardOfLines(example, n))];
    for (const f of filesUnder(join(ROOT, 'examples'), /^release-card\.yaml$/)) cards.push(readFileSync(f, 'utf8'));
    for (const card of cards) assert.equal(agrees(card, `card of ${card.split('\n').length} lines`), true);
  });
});

describe('fastParse documents', () => {
  it('builds the document as the composer does: options, directives, and the same text when stringified', () => {
    const text = cardOfLines('', 35);
    const fast = fastParse(text);
    const ref = parseAllDocuments(text, FAST_YAML_OPTIONS)[0];
    assert.ok(fast && ref);
    const { _directives: a, ...fastOptions } = fast.options as typeof fast.options & { _directives?: unknown };
    const { _directives: b, ...refOptions } = ref.options as typeof ref.options & { _directives?: unknown };
    assert.deepEqual(fastOptions, refOptions);
    assert.deepEqual(fast.directives, ref.directives);
    assert.deepEqual([fast.errors, fast.warnings], [[], []]);
    // Comments and blank lines are not recorded, so this holds for a card without them.
    assert.equal(fast.toString(), ref.toString());
    assert.deepEqual(fast.getIn(['rollout', 'steps', 2]), 50);
  });

  it('parseYamlDocuments answers with the fast document, or with every document yaml finds', () => {
    const fast = parseYamlDocuments('a: 1\n');
    assert.equal(fast.length, 1);
    assert.deepEqual(fast[0]?.toJS(), { a: 1 });
    const two = parseYamlDocuments('a: 1\n---\nb: 2\n');
    assert.deepEqual(two.map((d) => d.toJS() as unknown), [{ a: 1 }, { b: 2 }]);
    assert.equal(parseYamlDocuments('').length, 0);
    assert.equal(parseYamlDocuments('a: [1\n')[0]?.errors.length !== 0, true);
  });
});

describe('fastParse scalars', () => {
  it('resolves plain scalars by the YAML 1.2 core schema exactly as yaml does', () => {
    const expected: [string, unknown][] = [
      ['1_000', '1_000'], ['0x1F', 31], ['+12', 12], ['.5', 0.5], ['1e3', 1000], ['2026-11-26', '2026-11-26'], ['yes', 'yes'],
      ['0o17', 15], ['017', 17], ['-.inf', -Infinity], ['.NaN', NaN], ['~', null], ['', null], ['True', true], ['tRue', 'tRue'],
      ['1.50', 1.5], ['12:30', '12:30'], ['0x', '0x'], ['+.5', 0.5], ['5.', 5], ['1e', '1e'], ['NULL', null], ['Null', null],
    ];
    for (const [src, value] of expected) {
      const text = `k: ${src}\n`;
      assert.equal(agrees(text, src), true);
      assert.deepEqual((fastParse(text)?.toJS() as { k: unknown }).k, value, src);
    }
  });

  it('decodes quoted scalars with escapes, and keeps # and ": " inside quotes', () => {
    const text = 'a: "tab\\there \\"q\\" \\x41\\u00e9\\U0001F600 \\/"\nb: \'it\'\'s # not: a comment\'\nc: "x: y # z"  # real\n';
    assert.equal(agrees(text, 'quoted'), true);
    assert.deepEqual(fastParse(text)?.toJS(), { a: 'tab\there "q" Aé😀 /', b: "it's # not: a comment", c: 'x: y # z' });
  });

  it('guards its first-character shortcut: the core schema tags are the ones it was written for', () => {
    const tags = (new Document().schema as unknown as { tags: { default?: unknown; test?: RegExp }[] }).tags;
    const sources = tags.filter((t) => t.default === true && t.test).map((t) => t.test?.source);
    assert.deepEqual(sources, [
      '^(?:~|[Nn]ull|NULL)?$', '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$', '^0o[0-7]+$', '^[-+]?[0-9]+$', '^0x[0-9a-fA-F]+$',
      '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$', '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$',
      '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$',
    ]);
  });
});

describe('fastParse ranges around comments and blank lines', () => {
  const cases: [string, string][] = [
    ['deeper comment joins the scalar before it', 'a:\n  b: 1\n\n    # deeper\n\n  c: 2\n'],
    ['comment at the inner indentation stays in the inner map', 'a:\n  b: 1\n  # trailing\nc: 2'],
    ['comment at column 0 moves out of the inner map', 'a:\n  b: 1\n# trailing\n\nc:\n'],
    ['inner comment with the next line indented', 'x:\n  a:\n    b: 1\n    # t\n  c: 2\n'],
    ['empty value with a comment, next key after a blank line', 'a: # c\n\nb: 1\n'],
    ['empty value, comment on its own line, next key', 'a:\n# c\nb:\n'],
    ['empty value followed by a deeper comment', 'a:\n  # deeper\nb:\n'],
    ['nested empty value with a comment', 'x:\n  a: # c\n  b: 1\n'],
    ['empty value at the end with trailing comments', 'a:\n  b:\n  # c\n\n'],
    ['sequence at its key indentation, then comments', 'a:\n- 1\n# c\n  # d\nb: 2\n'],
    ['compact maps in a sequence with comments between', '- a: 1\n  # c\n- b: 2\n    # deeper\n-   c: 3\n    d: [x, y]  # e\n'],
    ['block scalars with chomping and trailing blank lines', 'a: |\n  x\n\n   \nb: >-\n  one\n  two\n\n    more\n  three\n\nc: |+\n  kept\n\n# end\n'],
    ['flow collections with spaces before commas and brackets', 'a: [ 1 , [ 2 ] , { k: v } ]   # c\nb: { x: "y, z" , w: 0x1F }\n'],
    ['trailing comments at the end of the document', 'a: 1\n\n# tail\n   \n'],
    ['no final newline', 'a:\n  - x\n  - y'],
    ['empty sequence items with comments before and after the dash', 'a:\n  - x\n  # c\n  -\n  -  # d\n\n  # e\n  - y\n  -\nb: 1\n'],
    ['multi-line plain scalars with blank lines and a final comment', 'a: one\n  two\n\n\n   three  # c\nb:\n  - x\n    - y\n    # deeper\n  - z\n'],
    ['leading comments before the document', '# head\n\n   \na: 1\n'],
    ['spaces before colons and quoted keys', 'a  : 1\n"b c" : [x]\n\'d\': {e: f}\n'],
    ['a sequence item of quoted-key maps and flow items', '- "k": 1\n  k2: \'v\'  # c\n- { name: "}", x: [a#b, "c,d"] }\n- [ ]\n'],
    ['block scalar lines with extra spaces and a header comment', 'a: | # c\n    x\n      y\n     \n\nb: >\n  p\n     \n  q\n'],
    ['unicode separators are content, not line breaks', 'a: x\u2028y\u0085z\nb: "\u2029"\n'],
  ];
  for (const [name, text] of cases) {
    it(name, () => assert.equal(agrees(text, name), true));
  }
});

describe('fastParse fallbacks', () => {
  const outside: [string, string][] = [
    ['anchors and aliases', 'a: &x 1\nb: *x\n'], ['tags', 'a: !!str 1\n'], ['document markers', '---\na: 1\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'], ['tab indentation', 'a:\n\tb: 1\n'], ['CRLF line breaks', 'a: 1\r\nb: 2\r\n'],
    ['a byte-order mark', '\uFEFFa: 1\n'], ['multi-line quoted scalars', 'a: "one\n  two"\n'],
['explicit keys', '? a\n: 1\n'], ['indentation indicators', 'a: |2\n   x\n'],
    ['multi-line flow collections', 'a: [1,\n  2]\n'], ['keys over 1,024 characters', `${'k'.repeat(1100)}: 1\n`], ['a scalar document', 'just text\n'], ['an empty document', '# nothing\n'],
    ['syntax errors', 'a: b: c\n'], ['bad indentation', 'a:\n    b: 1\n  c: 2\n'], ['trailing commas in flow', 'a: [1, 2,]\n'],
  ];
  for (const [name, text] of outside) {
    it(`defers to yaml for ${name}`, () => {
      assert.equal(fastParse(text), undefined);
      agrees(text, name);
    });
  }
});
