/**
 * The project configuration `.release-gates.yaml`: rule severities, extra card globs and the
 * project policy (limits no card may cross, read by `./policy.ts`), shared by
 * the CLI and the language server. Found by walking up from a card's folder; every problem in it
 * is a located finding in that file, never an exception.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap } from 'yaml';
import type { Finding, Fix, Severity } from '../card/findings';
import { Card } from '../card/model';
import { parseCard } from '../card/parse';
import type { CardNode } from '../card/positions';
import { RULE_IDS } from '../rules/registry';
import { SUPPRESSION_CODES } from '../rules/suppressions';
import { closest } from '../schema/suggest';
import type { Policy } from '../policy/types';
import { REVIEW_CODES } from '../review/codes';
import { CONFIG_CODES, type ConfigCode } from './codes';
import { readPolicy } from './policy';

/** File names looked for in each folder, in order. */
export const CONFIG_FILE_NAMES = ['.release-gates.yaml', '.release-gates.yml'] as const;

/** Severities a rule can be set to. */
export const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'hint', 'off'] as const;

/** A rule severity as configured. */
export type SeveritySetting = Severity | 'off';

/** The configuration in effect (empty when no file was found). */
export interface ProjectConfig {
  /** Absolute path of the file read, when one was found. */
  file?: string;
  rules: Record<string, SeveritySetting>;
  cards: string[];
  /** The project policy, when the file has a `policy:` section. */
  policy?: Policy;
}

/** A finding in the configuration file. */
export interface ConfigFinding {
  file: string;
  finding: Finding;
}

/** The loaded configuration and the problems found in its file. */
export interface LoadedConfig {
  config: ProjectConfig;
  findings: ConfigFinding[];
}

/** Codes whose severity the configuration may set: rules, suppression checks and review findings. */
export function configurableCodes(): readonly string[] {
  return [...RULE_IDS, ...Object.keys(SUPPRESSION_CODES), ...Object.keys(REVIEW_CODES)];
}

/** The top-level keys of the file. */
const CONFIG_KEYS = ['rules', 'cards', 'policy'] as const;

/** Finds the nearest configuration file from `startDir` up to `stopDir` (inclusive) or the root. */
export function findProjectConfig(startDir: string, stopDir?: string): string | undefined {
  const stop = stopDir === undefined ? undefined : resolve(stopDir);
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (dir === stop || parent === dir) return undefined;
    dir = parent;
  }
}

/** Finds and reads the configuration that applies to cards in `startDir`. */
export function loadProjectConfig(startDir: string, stopDir?: string): LoadedConfig {
  const file = findProjectConfig(startDir, stopDir);
  if (!file) return { config: { rules: {}, cards: [] }, findings: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const finding = makeFinding('config-syntax', zeroRange(), `Cannot read ${file}: ${(err as Error).message}. Rule severities fall back to their defaults.`);
    return { config: { file, rules: {}, cards: [] }, findings: [{ file, finding }] };
  }
  const { config, findings } = parseProjectConfig(file, text);
  return { config, findings: findings.map((finding) => ({ file, finding })) };
}

/** Reads configuration text (exported for tests and for the editor's unsaved buffers). */
export function parseProjectConfig(file: string, text: string): { config: ProjectConfig; findings: Finding[] } {
  const config: ProjectConfig = { file, rules: {}, cards: [] };
  const parsed = parseCard(text);
  const findings = parsed.findings.filter((f) => f.code !== 'file-empty');
  if (!parsed.structural || parsed.value === null || parsed.value === undefined) return { config, findings };
  const card = new Card(file, parsed);
  const root = card.object([]);
  if (!root) {
    findings.push(makeFinding('config-invalid-value', card.range(card.anchor([])), 'The configuration must be a mapping with "rules", "cards" and/or "policy".'));
    return { config, findings };
  }
  for (const key of Object.keys(root)) {
    if (key === 'rules') readRules(card, config, findings);
    else if (key === 'cards') readCards(card, config, findings);
    else if (key === 'policy') config.policy = readPolicy(card, findings);
    else unknownKey(card, key, findings);
  }
  return { config, findings };
}

function unknownKey(card: Card, key: string, findings: Finding[]): void {
  const guess = closest(key, CONFIG_KEYS);
  const pair = card.anchor([key]);
  findings.push(makeFinding('config-unknown-key', card.range(pair), `"${key}" is not a configuration key${guess ? `; did you mean "${guess}"?` : ''}. The file knows "rules" (severity per rule id), "cards" (extra card globs) and "policy" (limits no card may cross); the key is ignored.`, guess ? [replace(card, pair, guess, `Change to "${guess}"`)] : undefined));
}

function readRules(card: Card, config: ProjectConfig, findings: Finding[]): void {
  const node = card.node(['rules']);
  if (!isMap(node)) {
    if (card.get(['rules']) !== null) findings.push(makeFinding('config-invalid-value', card.range(node ?? card.anchor(['rules'])), '"rules" must map rule ids to error, warning, info, hint or off.'));
    return;
  }
  const known = configurableCodes();
  for (const [id, value] of Object.entries(card.object(['rules']) ?? {})) {
    const keyNode = card.anchor(['rules', id]);
    if (!known.includes(id)) {
      const guess = closest(id, known);
      findings.push(makeFinding('config-unknown-rule', card.range(keyNode), `"${id}" is not a rule id${guess ? `; did you mean "${guess}"?` : ''}. Its setting has no effect, so the rule you meant keeps its default severity. Run "release-gates explain" for the list.`, guess ? [replace(card, keyNode, guess, `Change to "${guess}"`)] : undefined));
      continue;
    }
    const severity = severitySetting(value);
    if (severity) {
      config.rules[id] = severity;
      continue;
    }
    const valueNode = card.node(['rules', id]) ?? keyNode;
    const guess = typeof value === 'string' ? suggestSeverity(value) : value === false ? 'off' : undefined;
    findings.push(makeFinding('config-invalid-severity', card.range(valueNode), `Severity ${JSON.stringify(value)} for "${id}" is not one of ${SEVERITY_SETTINGS.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}. The rule keeps its default severity.`, guess ? [replace(card, valueNode, guess, `Change to "${guess}"`)] : undefined));
  }
}

function readCards(card: Card, config: ProjectConfig, findings: Finding[]): void {
  const value = card.get(['cards']);
  const ok = Array.isArray(value) && value.every((g) => typeof g === 'string' && g.trim() !== '');
  if (!ok) {
    findings.push(makeFinding('config-invalid-value', card.range(card.node(['cards']) ?? card.anchor(['cards'])), '"cards" must be a list of glob patterns (strings), relative to the folder of this file, e.g. ["releases/**/*.yaml"].'));
    return;
  }
  config.cards = value as string[];
}

/** A valid severity setting, or undefined. */
function severitySetting(value: unknown): SeveritySetting | undefined {
  return typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value) ? (value as SeveritySetting) : undefined;
}

/** The setting a misspelt severity most likely meant (`warn`, `Error`, `none`). */
function suggestSeverity(value: string): SeveritySetting | undefined {
  const v = value.trim().toLowerCase();
  const aliases: Record<string, SeveritySetting> = { warn: 'warning', information: 'info', none: 'off', disabled: 'off', false: 'off', err: 'error' };
  return aliases[v] ?? severitySetting(v) ?? (closest(v, SEVERITY_SETTINGS) as SeveritySetting | undefined);
}

function replace(card: Card, node: CardNode, text: string, title: string): Fix {
  return { title, edits: [{ range: card.range(node), newText: text }], preferred: true };
}

function makeFinding(code: ConfigCode, range: Finding['range'], message: string, fixes?: Fix[]): Finding {
  return { code, severity: CONFIG_CODES[code].severity, message, range, ...(fixes ? { fixes } : {}) };
}

function zeroRange(): Finding['range'] {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/**
 * Merges severity layers, later ones winning: the project file, then editor settings. Both CLI and
 * server pass the result to `runRules` as `severities`.
 */
export function mergeSeverities(...layers: (Readonly<Record<string, SeveritySetting>> | undefined)[]): Record<string, SeveritySetting> {
  return Object.assign({}, ...layers.filter((l) => l !== undefined)) as Record<string, SeveritySetting>;
}

