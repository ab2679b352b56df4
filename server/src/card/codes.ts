/**
 * The codes of findings that come from reading a card (YAML and schema), with their default
 * severity and a one-line summary. Rule ids and gate check ids have their own registries.
 */
import type { Severity } from './findings';

/** Metadata of one built-in code. */
export interface CodeInfo {
  severity: Severity;
  summary: string;
}

/** Every code the parser and the schema validator can emit, and the closing finding of a capped list. */
export const CARD_CODES = {
  'file-too-large': { severity: 'error', summary: 'The file is larger than the configured card size limit.' },
  'file-binary': { severity: 'error', summary: 'The file is not text.' },
  'file-empty': { severity: 'error', summary: 'The file has no content.' },
  'file-too-many-entries': { severity: 'error', summary: 'The file has more YAML entries than any card needs.' },
  'yaml-syntax': { severity: 'error', summary: 'The YAML cannot be parsed.' },
  'yaml-duplicate-key': { severity: 'error', summary: 'A key appears twice in one mapping.' },
  'yaml-complex-key': { severity: 'error', summary: 'A key is a list or mapping instead of a plain name.' },
  'yaml-tab-indent': { severity: 'error', summary: 'A tab is used for indentation.' },
  'yaml-multiple-documents': { severity: 'error', summary: 'The file holds more than one YAML document.' },
  'yaml-alias-limit': { severity: 'error', summary: 'Aliases expand beyond the safe limit.' },
  'yaml-too-deep': { severity: 'error', summary: 'Nesting is deeper than any card needs.' },
  'yaml-warning': { severity: 'warning', summary: 'The YAML parser reported a warning.' },
  'schema-unknown-property': { severity: 'error', summary: 'A key the card format does not define.' },
  'schema-required': { severity: 'error', summary: 'A required key is missing.' },
  'schema-type': { severity: 'error', summary: 'A value has the wrong type.' },
  'schema-enum': { severity: 'error', summary: 'A value is not one of the allowed values.' },
  'schema-format': { severity: 'error', summary: 'A value does not have the expected format.' },
  'schema-range': { severity: 'error', summary: 'A number or list is outside its allowed range or size.' },
  'schema-invalid': { severity: 'error', summary: 'A value does not match the card format.' },
  'findings-not-shown': { severity: 'error', summary: 'More findings than a card shows; the rest are counted in one finding.' },
} as const satisfies Record<string, CodeInfo>;

/** A code emitted while reading a card. */
export type CardCode = keyof typeof CARD_CODES;

/** True when a code is a key of a code table (every code family keeps one: card, config, policy, review, rollout). */
export function hasCode<T extends Record<string, CodeInfo>>(table: T, code: string): code is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, code);
}

/** True when a string is one of the card-reading codes. */
export function isCardCode(code: string): code is CardCode {
  return hasCode(CARD_CODES, code);
}
