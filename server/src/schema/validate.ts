/**
 * Validates a parsed card against the schema and turns ajv's errors into findings located on the
 * exact YAML node: unknown keys on the key, wrong values on the value, missing keys on the parent's
 * key. Alternatives (`oneOf`/`anyOf`) are ranked so only the most plausible one is reported.
 */
import type { ErrorObject } from 'ajv';
import { CARD_CODES, type CardCode } from '../card/codes';
import { MAX_FINDINGS, type Finding } from '../card/findings';
import type { Card, CardPath } from '../card/model';
import type { CardNode } from '../card/positions';
import { cardValidator } from './compile';
import { describeValue, displayPath, pointerToPath, schemaDescription } from './describe';
import { rankErrors } from './ranking';
import { closest } from './suggest';
import { numberForName, unitOfName, UNIT_WORDS } from '../card/units';

/** Validates the card's value; returns no findings when the card could not be parsed structurally. */
export function validateCard(card: Card): Finding[] {
  return validateSchema(card).findings;
}

/** Schema findings of a card: at most `room` built, the remaining errors only counted. */
export interface SchemaFindings {
  findings: Finding[];
  /** Errors left unconverted once `room` findings were built (repeats of one error count once). */
  omitted: number;
}

/**
 * Validates the card's value and converts at most `room` errors into findings. Converting costs a
 * "did you mean" per unknown key, so a file of many thousands of unknown keys converts only as
 * many as a card can show; ajv reports errors in document order, so those are the first ones.
 */
export function validateSchema(card: Card, room = MAX_FINDINGS): SchemaFindings {
  if (!card.parsed.structural) return { findings: [], omitted: 0 };
  const validate = cardValidator();
  if (validate(card.parsed.value)) return { findings: [], omitted: 0 };
  const errors = rankErrors(validate.errors ?? []);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let omitted = 0;
  for (const e of errors) {
    if (findings.length >= room) {
      const key = `${e.keyword}:${e.instancePath}:${JSON.stringify(e.params)}`;
      if (!seen.has(key)) omitted++;
      seen.add(key);
      continue;
    }
    const f = toFinding(card, e);
    if (f && isNew(seen, f)) findings.push(f);
  }
  return { findings, omitted };
}

/** A schema finding with the card path of the value it is about (an unknown key's own path). */
export interface SchemaProblem {
  path: CardPath;
  finding: Finding;
}

/**
 * Schema findings with their card paths, so a caller can tell which part of the card each is in
 * (the gate engine's guard). At most `room` are built, like `validateSchema`.
 */
export function schemaProblems(card: Card, room = MAX_FINDINGS): SchemaProblem[] {
  if (!card.parsed.structural) return [];
  const validate = cardValidator();
  if (validate(card.parsed.value)) return [];
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of rankErrors(validate.errors ?? [])) {
    if (out.length >= room) break;
    const finding = toFinding(card, e);
    if (!finding || !isNew(seen, finding)) continue;
    const path = pointerToPath(e.instancePath, card.parsed.value);
    const key = e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: string }).additionalProperty) : undefined;
    out.push({ path: key === undefined ? path : [...path, key], finding });
  }
  return out;
}

/** Maps one ajv error to a finding, by keyword. */
function toFinding(card: Card, e: ErrorObject): Finding | undefined {
  const path = pointerToPath(e.instancePath, card.parsed.value);
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownProperty(card, path, e);
    case 'required':
      return missingProperty(card, path, e);
    case 'type':
      return typeFinding(card, path, e);
    case 'enum':
    case 'const':
      return enumFinding(card, path, e);
    case 'pattern':
    case 'format':
      return make(card, 'schema-format', valueNode(card, path), formatMessage(card, path, e));
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum': case 'multipleOf':
    case 'minItems': case 'maxItems': case 'minLength': case 'maxLength': case 'uniqueItems': case 'minProperties': case 'maxProperties':
      return make(card, 'schema-range', valueNode(card, path), `${displayPath(path)} ${e.message ?? 'is out of range'} (found ${describeValue(card.get(path))}). ${schemaDescription(e.parentSchema)}`.trim());
    default:
      return make(card, 'schema-invalid', valueNode(card, path), `${displayPath(path)} ${e.message ?? 'does not match the card format'}. ${schemaDescription(e.parentSchema)}`.trim());
  }
}

/** An unknown key: underline the key, suggest the closest allowed key and offer to rename it. */
function unknownProperty(card: Card, path: CardPath, e: ErrorObject): Finding | undefined {
  const key = String((e.params as { additionalProperty: string }).additionalProperty);
  const pair = card.pair([...path, key]);
  if (!pair) return undefined;
  const allowed = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}));
  const where = path.length === 0 ? 'at the top level of the card' : `in ${displayPath(path)}`;
  const guess = closest(key, allowed);
  const finding = make(card, 'schema-unknown-property', pair, guess
    ? `Unknown key "${key}" ${where}; did you mean "${guess}"? Nothing reads an unknown key, so whatever it sets silently does not apply to the release.`
    : `Unknown key "${key}" ${where}. Nothing reads an unknown key, so whatever it sets silently does not apply to the release. Allowed here: ${allowed.join(', ')}.`);
  if (guess) finding.fixes = [{ title: `Rename "${key}" to "${guess}"`, edits: [{ range: card.range(pair), newText: guess }], preferred: true }];
  return finding;
}

/** A missing key: underline the parent's key and say what the missing key is for. */
function missingProperty(card: Card, path: CardPath, e: ErrorObject): Finding {
  const missing = String((e.params as { missingProperty: string }).missingProperty);
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const purpose = schemaDescription(props[missing]);
  const owner = path.length === 0 ? 'The card' : displayPath(path);
  return make(card, 'schema-required', parentAnchor(card, path), `${owner} is missing "${missing}". ${purpose}`.trim());
}

/** A value outside an enumeration: suggest the closest allowed value and offer to replace it. */
function enumFinding(card: Card, path: CardPath, e: ErrorObject): Finding {
  const allowed = e.keyword === 'enum'
    ? ((e.params as { allowedValues: unknown[] }).allowedValues ?? [])
    : [(e.params as { allowedValue: unknown }).allowedValue];
  const value = card.get(path);
  const node = valueNode(card, path);
  const guess = typeof value === 'string' ? closest(value, allowed.map(String)) : undefined;
  const list = allowed.map((v) => JSON.stringify(v)).join(', ');
  const finding = make(card, 'schema-enum', node, `${displayPath(path)} is ${describeValue(value)}${guess ? `; did you mean "${guess}"?` : '.'} Allowed values: ${list}.`);
  if (guess) finding.fixes = [{ title: `Replace with "${guess}"`, edits: [{ range: card.range(node), newText: guess }], preferred: true }];
  return finding;
}

/** A wrong type, with a fix when the value is a number written with a unit. */
function typeFinding(card: Card, path: CardPath, e: ErrorObject): Finding {
  const node = valueNode(card, path);
  const finding = make(card, 'schema-type', node, typeMessage(card, path, e));
  const expected = String((e.params as { type: string }).type);
  const value = card.get(path);
  const hint = expected.includes('number') ? unitHint(path, value) : undefined;
  if (hint !== undefined && Number.isFinite(hint)) {
    finding.fixes = [{ title: `Replace ${JSON.stringify(value)} with ${hint}`, edits: [{ range: card.range(node), newText: String(hint) }], preferred: true }];
  }
  return finding;
}

/** A wrong type; numbers written with units get the number to write in the key's own unit. */
function typeMessage(card: Card, path: CardPath, e: ErrorObject): string {
  const expected = String((e.params as { type: string }).type).replace(/,/g, ' or ');
  const value = card.get(path);
  const hint = expected.includes('number') ? unitHint(path, value) : undefined;
  const tail = hint === undefined ? '' : ` Write ${hint}: ${unitSentence(path)}`;
  return `${displayPath(path)} must be ${article(expected)}, not ${describeValue(value)}.${tail} ${schemaDescription(e.parentSchema)}`.trim();
}

/** The bare number to write for a number given with a unit (`"0.8%"` on a share → 0.008). */
function unitHint(path: CardPath, value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const key = keyOf(path);
  return numberForName(key, value) ?? (/^\s*-?\d+(\.\d+)?\s*[a-z%]+\s*$/i.test(value) && unitOfName(key) === 'none' ? Number(value.match(/-?\d+(\.\d+)?/)?.[0]) : undefined);
}

/** "the unit is part of the key name (milliseconds)." */
function unitSentence(path: CardPath): string {
  const unit = unitOfName(keyOf(path));
  return unit === 'none' ? 'numbers in a card are bare; the unit is part of the key name.' : `the unit is part of the key name (${UNIT_WORDS[unit]}).`;
}

/** The nearest key name on a path (list items use their list's key). */
function keyOf(path: CardPath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

/** A value not in the expected shape: show the description and an example. */
function formatMessage(card: Card, path: CardPath, e: ErrorObject): string {
  const parent = e.parentSchema as { examples?: unknown[] } | undefined;
  const example = parent?.examples?.[0] !== undefined ? ` For example: ${JSON.stringify(parent.examples[0])}.` : '';
  const what = e.keyword === 'format' ? `a ${String((e.params as { format: string }).format)}` : 'in the expected form';
  return `${displayPath(path)} is ${describeValue(card.get(path))}, which is not ${what}. ${schemaDescription(parent)}${example}`.trim();
}

/** Where a missing key is reported: the parent's key, the first key of a list item, or the card's first key. */
function parentAnchor(card: Card, path: CardPath): CardNode {
  if (path.length === 0) return card.anchor([]);
  const last = path[path.length - 1];
  if (typeof last === 'string') return card.anchor(path);
  const item = card.node(path);
  const first = item && 'items' in item ? (item as { items: unknown[] }).items[0] : undefined;
  return (first as CardNode | undefined) ?? card.anchor(path);
}

/** The node holding a value, or the closest thing to it. */
function valueNode(card: Card, path: CardPath): CardNode {
  return card.node(path) ?? card.anchor(path);
}

/** Builds a finding with the code's default severity. */
function make(card: Card, code: CardCode, node: CardNode, message: string): Finding {
  return { code, severity: CARD_CODES[code].severity, message, range: card.range(node) };
}

/** "a number", "an object", "a string or object". */
function article(type: string): string {
  return (/^[aeiou]/.test(type) ? 'an ' : 'a ') + type;
}

/** False for a finding with the same code, place and message as an earlier one (ajv repeats some errors per branch). */
function isNew(seen: Set<string>, f: Finding): boolean {
  const key = `${f.code}:${f.range.start.line}:${f.range.start.character}:${f.message}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}
