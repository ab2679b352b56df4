/**
 * What the server says about one open document: schema and rule findings for cards (with the
 * project's and the user's rule severities, and the project policy), configuration problems for
 * `.release-gates.yaml`, and nothing for other YAML.
 */
import { basename, dirname, relative, sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../card/findings';
import { Card } from '../card/model';
import { parseCard, type ParsedCard } from '../card/parse';
import { checkSteps } from '../check';
import { ConfigCache } from '../config/cache';
import { CONFIG_FILE_NAMES, mergeSeverities, parseProjectConfig, type SeveritySetting } from '../config/project-config';
import type { RunRecord } from '../records/record';
import { withoutCoveredFindings } from '../rules/covered';
import { toDiagnostic } from './convert';
import { isCardUri, uriPath } from './documents';
import type { ServerSettings } from './settings';

/** True when a path names a project configuration file. */
export function isConfigPath(path: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(basename(path));
}

/** What the server found in one document: its diagnostics and, for a card, the findings behind them. */
export interface Checked {
  diagnostics: Diagnostic[];
  /** Schema, rule and policy findings of a card (undefined for other documents): the card half of the verdict. */
  findings?: Finding[];
}

/** Computes diagnostics, caching project configuration between calls. */
export class Diagnoser {
  private readonly configs = new ConfigCache();

  /** Diagnostics and findings of a document in one go (tests and callers that need no slicing). */
  check(input: DiagnoseInput): Checked {
    const steps = this.steps(input);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Diagnostics for a document's current text, in steps (parse, schema, rules): the generator
   * pauses in between so the server can answer requests and drop the work when a newer version
   * arrives. `onParsed` receives the parsed card, which becomes the document's model.
   */
  *steps(input: DiagnoseInput): Generator<void, Checked, void> {
    const { uri, text, folders, settings, run } = input;
    const path = uriPath(uri);
    if (isConfigPath(path)) return { diagnostics: parseProjectConfig(path, text).findings.map(toDiagnostic) };
    const folder = folders.find((f) => !relative(f, path).startsWith('..'));
    const project = this.configs.load(dirname(path), folder);
    if (!isCardUri(uri, folders, [...settings.cardGlobs, ...project.config.cards])) return { diagnostics: [] };
    const parsed = parseCard(text, { maxBytes: settings.maxFileSizeKiB * 1024 });
    input.onParsed?.(parsed);
    yield;
    const { findings: all } = yield* checkSteps(new Card(path, parsed), {
      severities: mergeSeverities(project.config.rules, settings.rules),
      ...(project.config.policy ? { policy: project.config.policy } : {}),
      ...(run ? { record: run.record, ...(run.staleReason !== undefined ? { staleReason: run.staleReason } : {}) } : {}),
    });
    // After a run of this very bundle its failed checks are shown too: a rule stating the same fact steps aside.
    const findings = run && run.staleReason === undefined ? withoutCoveredFindings(all, run.record.gates) : all;
    const configNote = project.findings.length > 0 && project.config.file
      ? [configProblemNotice(project.config.file, folder)]
      : [];
    return { diagnostics: [...configNote, ...findings.map(toDiagnostic)], findings };
  }

  /** The rule severities in effect for a card: the project's, overridden by the editor settings. */
  severities(uri: string, folders: readonly string[], settings: ServerSettings): Record<string, SeveritySetting> {
    const path = uriPath(uri);
    const folder = folders.find((f) => !relative(f, path).startsWith('..'));
    return mergeSeverities(this.configs.load(dirname(path), folder).config.rules, settings.rules);
  }
}

/** A card's run record and why it no longer matches the card, when known. */
export interface RunContext {
  record: RunRecord;
  staleReason?: string;
}

/** What one diagnosis reads. */
export interface DiagnoseInput {
  uri: string;
  text: string;
  folders: readonly string[];
  settings: ServerSettings;
  run?: RunContext;
  /** Receives the parsed card of a release card (not of other YAML), before it is checked. */
  onParsed?: (parsed: ParsedCard) => void;
}

/** One hint on the card when its configuration file has problems, so they are not missed. */
function configProblemNotice(file: string, folder: string | undefined): Diagnostic {
  const shown = folder ? relative(folder, file).split(sep).join('/') : file;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 3,
    source: 'release-gates',
    code: 'config-problems',
    message: `The project configuration ${shown} has problems, so some rule severities may not be what the project intends. Open it to see them.`,
  };
}
