/**
 * The card half of each open card's verdict: the schema and rule findings of its latest version
 * (diagnostics compute them anyway; they are reused, not recomputed), and the verdict last told to
 * the client, so a verdict that changes with an edit alone (a suppression reason written, a
 * schema error fixed) reaches the status bar without a new run.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../card/findings';
import type { WireVerdict } from '../../protocol';

/** Findings of a card's text, as the server's diagnostics compute them (project and editor severities). */
export type ComputeFindings = (uri: string, text: string) => Finding[];

/** The verdict the client assumes before it has heard anything: not run. */
const NOT_RUN = JSON.stringify({ state: 'none', title: 'not run' });

/** Latest findings per open card and the verdict last sent for it. */
export class CardFindings {
  private readonly latest = new Map<string, { version: number; findings: Finding[] }>();
  private readonly sent = new Map<string, string>();

  constructor(private readonly compute: ComputeFindings) {}

  /** The findings of a document's current version, computed when no one has yet. */
  of(doc: TextDocument): Finding[] {
    const known = this.latest.get(doc.uri);
    if (known && known.version === doc.version) return known.findings;
    const findings = this.compute(doc.uri, doc.getText());
    this.latest.set(doc.uri, { version: doc.version, findings });
    return findings;
  }

  /** The findings of a card's text that is not open (read from disk). */
  ofText(uri: string, text: string): Finding[] {
    return this.compute(uri, text);
  }

  /** Keeps findings computed elsewhere for a version of a document. */
  set(uri: string, version: number, findings: Finding[]): void {
    this.latest.set(uri, { version, findings });
  }

  /** True when a verdict differs from the one last sent for the card; remembers it as sent. */
  changedSince(uri: string, verdict: WireVerdict): boolean {
    const key = JSON.stringify({ state: verdict.state, title: verdict.title });
    if ((this.sent.get(uri) ?? NOT_RUN) === key) return false;
    this.sent.set(uri, key);
    return true;
  }

  /** Forgets a closed card. */
  delete(uri: string): void {
    this.latest.delete(uri);
    this.sent.delete(uri);
  }
}
