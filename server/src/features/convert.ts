/** Converts core findings into LSP diagnostics; the only place that knows both shapes. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../card/findings';
import { docUri } from './doc-links';

/** The diagnostic source shown in editors. */
export const SOURCE = 'release-gates';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Data carried on a diagnostic so a later code-action request can offer its fixes. */
export interface DiagnosticData {
  fixes: Fix[];
}

/** A finding as an LSP diagnostic, with its code, the link to its page shipped with the server, and fixes. */
export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = { range: f.range, severity: SEVERITY[f.severity], code: f.code, source: SOURCE, message: f.message };
  const href = f.href ? docUri(f.href) : undefined;
  if (href) d.codeDescription = { href };
  if (f.tags?.length) d.tags = f.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (f.fixes?.length) d.data = { fixes: f.fixes } satisfies DiagnosticData;
  return d;
}
