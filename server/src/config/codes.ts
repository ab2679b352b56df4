/** Codes of findings about the project configuration file `.release-gates.yaml`. */
import { type CodeInfo, hasCode } from '../card/codes';

/** Every code the project-config loader can emit. */
export const CONFIG_CODES = {
  'config-syntax': { severity: 'error', summary: 'The project configuration file cannot be read as YAML.' },
  'config-unknown-key': { severity: 'error', summary: 'The project configuration has a key it does not define.' },
  'config-unknown-rule': { severity: 'error', summary: 'The project configuration sets the severity of a rule that does not exist.' },
  'config-invalid-severity': { severity: 'error', summary: 'A rule severity is not error, warning, info, hint or off.' },
  'config-invalid-value': { severity: 'error', summary: 'A project configuration value has the wrong type.' },
  'config-unknown-threshold': { severity: 'error', summary: 'A policy floor names no threshold whose direction the card schema declares.' },
} as const satisfies Record<string, CodeInfo>;

/** A project-config code. */
export type ConfigCode = keyof typeof CONFIG_CODES;

/** True when a string is a project-config code. */
export function isConfigCode(code: string): code is ConfigCode {
  return hasCode(CONFIG_CODES, code);
}
