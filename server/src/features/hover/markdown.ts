/**
 * Markdown and one-line summaries of schema properties, shared by hover and completion so that
 * both say the same thing about a key: its type, unit, default, allowed values and description.
 */
import { alternatives, typeLabel, valueChoices, type PropertyInfo, type Resolved, type SchemaNode, type ValueChoice } from '../schema-walk';

/** Units are part of key names in a card (`p99_latency_ms`); these suffixes name them in words. */
const UNIT_SUFFIXES: readonly [RegExp, string][] = [
  [/_ms$/, 'milliseconds'],
  [/_seconds$/, 'seconds'],
  [/_minutes$/, 'minutes'],
  [/_hours$/, 'hours'],
  [/_days$/, 'days'],
  [/_percent$/, 'percent'],
  [/_share$/, 'share (0..1)'],
  [/_rps$/, 'requests per second'],
  [/_mib$/, 'MiB'],
  [/cost_per_useful_result$/, 'currency per useful outcome'],
];

/** The unit a key's name states, in words, or undefined. */
export function unitOf(name: string): string | undefined {
  return UNIT_SUFFIXES.find(([re]) => re.test(name))?.[1];
}

/** A value as it is written in YAML, for inline code. */
export function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${yamlValue(v)}`).join(', ')} }`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The bounds of a number in words: `> 0`, `0 ≤ x ≤ 1`. */
function boundsText(schema: SchemaNode): string | undefined {
  const low = schema.exclusiveMinimum !== undefined ? `${schema.exclusiveMinimum} <` : schema.minimum !== undefined ? `${schema.minimum} ≤` : '';
  const high = schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : schema.maximum !== undefined ? `≤ ${schema.maximum}` : '';
  if (!low && !high) return undefined;
  return [low, 'x', high].filter(Boolean).join(' ');
}

/** The one-line detail of a property: type, unit and whether it is required. */
export function propertyDetail(root: SchemaNode, info: PropertyInfo): string {
  const unit = unitOf(info.name);
  return [typeLabel(root, info.resolved), unit, info.required ? 'required' : undefined].filter(Boolean).join(' · ');
}

/** The description of a property: its own, or its first alternative's when it only has alternatives. */
export function descriptionOf(root: SchemaNode, resolved: Resolved): string {
  return resolved.schema.description ?? alternatives(root, resolved).find((a) => a.schema.description)?.schema.description ?? '';
}

/** The facts line: allowed values, default, bounds and an example, each when the schema has it. */
function factsLine(root: SchemaNode, resolved: Resolved, choices: readonly ValueChoice[]): string {
  const schema = resolved.schema;
  const facts: string[] = [];
  const enums = choices.filter((c) => typeof c.value !== 'boolean');
  if (enums.length > 0) facts.push(`Allowed: ${enums.map((c) => `\`${String(c.value)}\``).join(', ')}`);
  if (schema.default !== undefined) facts.push(`Default: \`${yamlValue(schema.default)}\``);
  const bounds = alternatives(root, resolved).map((a) => boundsText(a.schema)).find(Boolean);
  if (bounds) facts.push(`Range: ${bounds}`);
  const example = schema.examples?.[0] ?? alternatives(root, resolved).find((a) => a.schema.examples?.length)?.schema.examples?.[0];
  if (example !== undefined && enums.length === 0) facts.push(`Example: \`${yamlValue(example)}\``);
  return facts.join(' · ');
}

/** The full markdown of a property, for hover and completion documentation. */
export function propertyMarkdown(root: SchemaNode, info: PropertyInfo): string {
  const unit = unitOf(info.name);
  const head = [`**${info.name}**`, `\`${typeLabel(root, info.resolved)}\``, unit ? `in ${unit}` : undefined, info.required ? 'required' : undefined]
    .filter(Boolean)
    .join(' · ');
  const facts = factsLine(root, info.resolved, valueChoices(root, [info.resolved]));
  return [head, descriptionOf(root, info.resolved), facts].filter((s) => s.length > 0).join('\n\n');
}

/** The markdown for one enumerated value: what the value is for, and the other values allowed. */
export function choiceMarkdown(choice: ValueChoice, all: readonly ValueChoice[]): string {
  const others = all.filter((c) => c.value !== choice.value).map((c) => `\`${String(c.value)}\``);
  const lines = [`\`${String(choice.value)}\`${choice.isDefault ? ' (default)' : ''}`, choice.description];
  if (others.length > 0) lines.push(`Other values: ${others.join(', ')}`);
  return lines.filter((s) => s.length > 0).join('\n\n');
}
