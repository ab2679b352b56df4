/**
 * The review in the editor: a code lens on each threshold of an open card that differs from its
 * base version ("⚠ looser than main: 120 ms → 250 ms"), computed by the same comparison as
 * `release-gates review`, and the base text for the client's diff editor. Git runs only in a
 * trusted workspace: a repository's configuration is not the user's to vouch for until then.
 */
import { dirname, relative } from 'node:path';
import { LSPErrorCodes, ResponseError, type CodeLens, type Connection, type InitializeParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigCache } from '../../config/cache';
import { mergeSeverities, type SeveritySetting } from '../../config/project-config';
import type { Policy } from '../../policy/types';
import { BaseCardRequest, CLIENT_COMMANDS, clientHasCommand, type BaseCard } from '../../protocol';
import { compareCards, lensText, type ReviewFinding } from '../../review';
import { uriPath } from '../documents';
import { guardRequests } from '../guard';
import { readTrusted } from '../run/trust';
import { cardOf } from '../symbols/cache';
import { BaseCache } from './base';

/** What the review features need from the server. */
export interface ReviewHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders(): readonly string[];
  isCard(uri: string): boolean;
  /** Rule severities set in the editor (they win over the project file's). */
  editorSeverities(): Record<string, SeveritySetting>;
}

/** Why there is no base version in restricted mode. */
const NO_GIT_MESSAGE = 'The base version is not read in restricted mode: git runs only in a trusted workspace, because a repository\'s configuration can make git start programs. Trust the workspace to compare the card with its base.';

/** Codes a lens is shown for: what a reviewer must look at, not every note. */
const LENS_CODES = new Set(['review-loosened', 'review-moved-after-failure', 'review-tightened', 'review-removed', 'review-gate-deferred', 'review-profile-lowered', 'review-uncomparable', 'review-bundle-changed']);

/** Lenses and the base-card request. */
export class ReviewFeatures {
  private trusted = true;
  private diffCommand = false;
  private readonly bases = new BaseCache();
  private readonly configs = new ConfigCache();
  private readonly computed = new Map<string, { key: string; lenses: CodeLens[] }>();

  constructor(private readonly host: ReviewHost) {}

  /** Reads trust and the client's own commands from the initialize request. */
  initialize(params: InitializeParams): void {
    const options = params.initializationOptions as Record<string, unknown> | undefined;
    this.trusted = readTrusted(options?.['releaseGates'] ?? options, true);
    this.diffCommand = clientHasCommand(options, CLIENT_COMMANDS.diffWithBase);
  }

  /** Applies a new `releaseGates` section (trust may be granted at any time). */
  configure(section: unknown): void {
    this.trusted = readTrusted(section, this.trusted);
  }

  /** Registers the base-card request and forgets a card's base when it is saved or closed. */
  register(): void {
    const guard = guardRequests({ error: (m) => this.host.connection.console.error(m) });
    this.host.connection.onRequest(BaseCardRequest, guard('baseCard', (p) => this.baseCard(p.uri)));
    this.host.documents.onDidSave((e) => this.bases.forget(uriPath(e.document.uri)));
    this.host.documents.onDidClose((e) => {
      this.bases.forget(uriPath(e.document.uri));
      this.computed.delete(e.document.uri);
    });
  }

  /** The review lenses of an open card (none in restricted mode, outside git, or for a new card). */
  async lenses(uri: string): Promise<CodeLens[]> {
    const doc = this.host.documents.get(uri);
    if (!doc || !this.trusted || !uri.startsWith('file:') || !this.host.isCard(uri)) return [];
    const lookup = await this.bases.get(uriPath(uri));
    if (!lookup.ok || !lookup.base.card.parsed.structural) return [];
    const key = `${doc.version}:${lookup.base.commit}`;
    const hit = this.computed.get(uri);
    if (hit?.key === key) return hit.lenses;
    const card = cardOf(doc);
    if (!card.parsed.structural) return [];
    const findings = compareCards(lookup.base.card, card, { label: lookup.base.label, ...this.projectOptions(uri) });
    const lenses = findings.filter((f) => LENS_CODES.has(f.code)).map((f) => this.lens(uri, f, lookup.base.label));
    this.computed.set(uri, { key, lenses });
    return lenses;
  }

  /** One lens: the change, and (in clients that have it) the diff editor as its command. */
  private lens(uri: string, f: ReviewFinding, label: string): CodeLens {
    const title = lensText(f, label);
    const command = this.diffCommand ? { title, command: CLIENT_COMMANDS.diffWithBase, arguments: [uri] } : { title, command: '' };
    return { range: { start: f.range.start, end: f.range.start }, command };
  }

  /** Severities and policy of the project the card is in, with the editor's severities on top. */
  private projectOptions(uri: string): { severities: Record<string, SeveritySetting>; policy?: Policy } {
    const file = uriPath(uri);
    const folder = this.host.folders().find((f) => !relative(f, file).startsWith('..'));
    const { config } = this.configs.load(dirname(file), folder);
    return { severities: mergeSeverities(config.rules, this.host.editorSeverities()), ...(config.policy ? { policy: config.policy } : {}) };
  }

  /** The base text of a card, for the client's diff editor. */
  private async baseCard(uri: string): Promise<BaseCard> {
    if (!this.trusted) throw new ResponseError(LSPErrorCodes.RequestFailed, NO_GIT_MESSAGE);
    if (!uri.startsWith('file:')) throw new ResponseError(LSPErrorCodes.RequestFailed, `${uri} is not a file, so it has no version in git`);
    const lookup = await this.bases.get(uriPath(uri));
    if (!lookup.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, lookup.reason);
    const { label, commit, path, text } = lookup.base;
    return { uri, label, commit, path, text };
  }
}
