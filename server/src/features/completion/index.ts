/**
 * Completion from the card schema: keys valid at the cursor with their descriptions and snippets
 * (a gate skeleton under `gates:`), enum and boolean values, and evidence paths from the card's
 * folder. Pure over the text, the position, the schema and an injected file lister.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type Position,
} from 'vscode-languageserver';
import { cursorContext, type CursorContext } from './context';
import type { FileLister } from './files';
import { gateSkeleton } from './gates';
import { rolloutMetricItems } from './rollout';
import { keySnippet } from './snippets';
import { choiceMarkdown, propertyDetail, propertyMarkdown } from '../hover/markdown';
import { alternatives, isPathProperty, nodeAt, propertiesAt, valueChoices, valueHints, type PropertyInfo, type SchemaNode, type ValueChoice, type ValueHint } from '../schema-walk';

/** What completion needs besides the text and the position. */
export interface CompletionEnv {
  schema: SchemaNode;
  /** Files relative to the card, for path values; absent when there is no folder (untitled cards). */
  listFiles?: FileLister;
  /** The character that triggered the request, when one did. */
  trigger?: string;
  /**
   * The client's command that opens completion again (VS Code: `editor.action.triggerSuggest`),
   * when it announced one: choosing a path key then lists the files for its value at once.
   */
  retriggerCommand?: string;
}

/** The completion items at a position of a card's text. */
export function completeAt(text: string, position: Position, env: CompletionEnv): CompletionItem[] {
  const ctx = cursorContext(text, position);
  if (!ctx) return [];
  if (ctx.kind === 'value') return valueItems(ctx, env);
  // A space typed while indenting a new line is not a request for keys.
  if (env.trigger === ' ' && ctx.prefix === '' && !ctx.flow && !ctx.itemValue) return [];
  const keys = keyItems(ctx, env, indentUnit(text));
  return ctx.itemValue ? [...keys, ...valueItems(ctx, env)] : keys;
}

/** One item per property allowed in the mapping and not yet written there. */
function keyItems(ctx: CursorContext, env: CompletionEnv, unit: number): CompletionItem[] {
  const props = propertiesAt(env.schema, ctx.path, ctx.valueAt).filter((p) => !ctx.present.includes(p.name));
  return props.map((p) => {
    const item = keyItem(ctx, env.schema, p, unit);
    // A path's value is a file of the card's folder: list them as soon as the key is chosen.
    const reopen = env.retriggerCommand !== undefined && env.listFiles !== undefined && !ctx.hasColon && !ctx.flow
      && alternatives(env.schema, p.resolved).some(isPathProperty);
    return reopen ? { ...item, command: { title: 'Suggest files', command: env.retriggerCommand as string } } : item;
  });
}

/** The item for one key: detail (type, unit), markdown documentation and a snippet edit. */
function keyItem(ctx: CursorContext, schema: SchemaNode, p: PropertyInfo, unit: number): CompletionItem {
  const skeleton = gateSkeleton(ctx.path, p.name);
  // Renaming a key that already has its colon and value: only the name changes.
  // Later lines are indented relative to the line: VS Code (adjustIndentation) and Neovim's
  // vim.snippet both add the line's own indentation to every line after the first.
  const layout = { column: ctx.column - ctx.indent, unit, flow: ctx.flow };
  const snippet = ctx.hasColon ? p.name : keySnippet(schema, p.name, p.resolved, layout, skeleton);
  const asserted = ctx.path.length === 1 && ctx.path[0] === 'gates' && p.name.endsWith('_gate');
  return {
    label: p.name,
    kind: skeleton ? CompletionItemKind.Module : CompletionItemKind.Property,
    detail: skeleton ? `${p.name} gate definition · ${propertyDetail(schema, p)}` : propertyDetail(schema, p),
    documentation: { kind: MarkupKind.Markdown, value: propertyMarkdown(schema, p) },
    // Required keys first, asserted gate statuses last (they are flagged), otherwise schema order.
    sortText: `${p.required ? 0 : asserted ? 2 : 1}${String(p.order).padStart(3, '0')}`,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.adjustIndentation,
    textEdit: { range: ctx.range, newText: snippet },
  };
}

/** Enum and boolean values, then workspace files when the value is a path. */
function valueItems(ctx: CursorContext, env: CompletionEnv): CompletionItem[] {
  const candidates = nodeAt(env.schema, ctx.path, ctx.valueAt);
  const space = ctx.needsSpace ? ' ' : '';
  const choices = withoutRepeats(env.schema, ctx, valueChoices(env.schema, candidates));
  const items: CompletionItem[] = choices.map((c, i) => ({
    label: String(c.value),
    kind: typeof c.value === 'boolean' ? CompletionItemKind.Value : CompletionItemKind.EnumMember,
    detail: c.isDefault ? 'default' : undefined,
    documentation: { kind: MarkupKind.Markdown, value: choiceMarkdown(c, choices) },
    sortText: `${c.isDefault ? 0 : 1}${String(i).padStart(3, '0')}`,
    preselect: c.isDefault || undefined,
    textEdit: { range: ctx.range, newText: space + String(c.value) },
  }));
  const isPath = candidates.some((r) => alternatives(env.schema, r).some(isPathProperty));
  // A path's examples name files that may not exist here; the real files are offered instead.
  if (isPath && env.listFiles) items.push(...fileItems(ctx, env.listFiles(), space, fileSuffixes(valueHints(env.schema, candidates))));
  else if (!isPath) items.push(...hintItems(ctx, valueHints(env.schema, candidates), space));
  items.push(...rolloutMetricItems(ctx));
  return items;
}

/** Defaults and examples of free-form values, after the enumerated ones. */
function hintItems(ctx: CursorContext, hints: readonly ValueHint[], space: string): CompletionItem[] {
  return hints.map((h, i) => ({
    label: String(h.value),
    kind: CompletionItemKind.Value,
    detail: h.source,
    sortText: `${h.source === 'default' ? 0 : 3}${String(i).padStart(3, '0')}`,
    textEdit: { range: ctx.range, newText: space + plainOrQuoted(h.value) },
  }));
}

/** A value as YAML reads it back unchanged: strings that would read as numbers, booleans or syntax are quoted. */
export function plainOrQuoted(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const risky = /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?|\.inf|\.nan)$/i.test(value)
    || /^[\s#&*!|>'"%@`{}[\],?:-]/.test(value) || /: |\s#|\s$/.test(value) || value === '';
  return risky ? JSON.stringify(value) : value;
}

/** Drops values already in a list whose items must be unique (`scope: [model, ...]`). */
function withoutRepeats(schema: SchemaNode, ctx: CursorContext, choices: ValueChoice[]): ValueChoice[] {
  if (ctx.siblings.length === 0 || typeof ctx.path[ctx.path.length - 1] !== 'number') return choices;
  const lists = nodeAt(schema, ctx.path.slice(0, -1), ctx.valueAt);
  const unique = lists.some((r) => alternatives(schema, r).some((a) => a.schema.uniqueItems === true));
  return unique ? choices.filter((c) => !ctx.siblings.includes(String(c.value))) : choices;
}

/** Formats an evidence table may have: a key whose example is one of them accepts them all. */
const TABLE_EXTENSIONS = ['.csv', '.tsv', '.jsonl', '.ndjson', '.parquet', '.json'];

/** The suffixes a path key's examples end with: the compound one (`.schema.json`) and the last extension. */
function fileSuffixes(hints: readonly ValueHint[]): { compound: string[]; extensions: string[] } {
  const compound: string[] = [];
  const extensions: string[] = [];
  for (const h of hints) {
    const name = String(h.value).split('/').pop() ?? '';
    const dot = name.indexOf('.');
    if (dot <= 0) continue;
    const whole = name.slice(dot).toLowerCase();
    const last = name.slice(name.lastIndexOf('.')).toLowerCase();
    compound.push(whole);
    // `predictions.csv` stands for any table; `churn-input.schema.json` for JSON, not for tables.
    extensions.push(...(whole === last && TABLE_EXTENSIONS.includes(last) ? TABLE_EXTENSIONS : [last]));
  }
  return { compound, extensions };
}

/** 0: the kind of file the key's examples name (`*.schema.json`), 1: the same extension or table format, 2: anything else. */
function fileRank(file: string, suffixes: ReturnType<typeof fileSuffixes>): number {
  const name = file.toLowerCase();
  if (suffixes.compound.some((s) => name.endsWith(s))) return 0;
  return suffixes.extensions.some((s) => name.endsWith(s)) ? 1 : 2;
}

/** Workspace files as path values, relative to the card; the kind of file the key reads first. */
function fileItems(ctx: CursorContext, files: readonly string[], space: string, suffixes: ReturnType<typeof fileSuffixes>): CompletionItem[] {
  return files.map((file, i) => ({
    label: file,
    kind: CompletionItemKind.File,
    sortText: `2${fileRank(file, suffixes)}${String(i).padStart(5, '0')}`,
    textEdit: { range: ctx.range, newText: space + file },
  }));
}

/** The indentation step of the card (the first indented line's indentation), 2 when there is none. */
export function indentUnit(text: string): number {
  const m = /\n( +)[^\s#]/.exec(text);
  const n = m?.[1]?.length ?? 2;
  return n >= 1 && n <= 8 ? n : 2;
}
