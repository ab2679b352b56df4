/**
 * The lines the server writes to its log (the "Release Gates" Output channel in VS Code): one
 * when it starts, with what decides its behaviour, and one per validation, so that a bug report
 * can carry what the server saw and how long it took.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { DEFAULT_CARD_GLOBS } from '../card/card-files';
import { TOOL } from '../version';
import type { ValidationReport } from './diagnostics';
import type { ServerSettings } from './settings';

/** What the start line reports. */
export interface StartInfo {
  trusted: boolean;
  folders: readonly string[];
  settings: ServerSettings;
}

/** The start line: version, runtime, workspace trust, card globs, folders and the size limit. */
export function startLine(info: StartInfo): string {
  return `${TOOL.name} ${TOOL.version} language server started (Node ${process.version}, ${process.platform}); ${settingsText(info)}`;
}

/** The same facts after the settings or the workspace trust changed. */
export function settingsLine(info: StartInfo): string {
  return `settings now: ${settingsText(info)}`;
}

function settingsText(info: StartInfo): string {
  const globs = [...DEFAULT_CARD_GLOBS, ...info.settings.cardGlobs].join(', ');
  const folders = info.folders.length > 0 ? info.folders.join(', ') : 'none';
  return `workspace ${info.trusted ? 'trusted' : 'restricted (gates do not run)'}; card globs: ${globs}; folders: ${folders}; max card size ${info.settings.maxFileSizeKiB.toLocaleString('en-US')} KiB`;
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'] as const;

/** One validation: the document and version, what was found, how long it took, how many were dropped. */
export function validationLine(r: ValidationReport): string {
  const dropped = r.dropped > 0 ? `; ${r.dropped} older version${r.dropped === 1 ? '' : 's'} dropped unfinished` : '';
  return `validated ${r.uri} v${r.version}: ${countText(r.diagnostics)} in ${r.ms.toFixed(0)} ms${dropped}`;
}

function countText(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return 'no findings';
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    const name = SEVERITY_NAMES[d.severity ?? 1] ?? 'error';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => `${n} ${name}${n === 1 || name === 'info' ? '' : 's'}`).join(', ');
}

/** A runtime warning (Node's process warning), logged as information rather than shown as an error. */
export function warningLine(w: Error): string {
  return `runtime warning (not a problem in any card): ${w.name}: ${w.message}`;
}
