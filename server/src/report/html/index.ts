/**
 * The gate report: the verdict, then every gate with charts of what it measured and its
 * thresholds drawn on them, as one self-contained HTML document. One renderer serves both places:
 * `release-gates run --format html` (a file for CI artifacts and e-mail) and the editor's webview
 * beside the card (VS Code's theme). It draws from a run record, which may come from a pull
 * request: every text is escaped and every chart re-checked before it is drawn.
 */
import { GATE_IDS } from '../../gates/engine/types';
import type { RunRecord } from '../../records';
import { esc, htmlPage, type ReportTheme } from './page';
import { gateSection, gatesNav, type ReportVerdict, verdictSection } from './sections';

export { CONTENT_SECURITY_POLICY, type ReportTheme } from './page';
export type { ReportVerdict } from './sections';

/** What the report is drawn from. */
export interface GateReportInput {
  /** The results; absent when no gate has run yet (the report then says so, gate by gate). */
  record?: RunRecord;
  /** The card's release_id, for the title when there is no record. */
  releaseId?: string | null;
  /** The card as the reader knows it (a path relative to the project). */
  cardPath: string;
  verdict: ReportVerdict;
  theme?: ReportTheme;
}

/** The report as an HTML document. */
export async function renderGateReport(input: GateReportInput): Promise<string> {
  const record = input.record ?? { gates: [], deferred: [] };
  const sections: string[] = [];
  // One gate after another, yielding to the event loop in between: each chart renders
  // synchronously inside vega, and in the editor other requests (diagnostics, completion) are
  // answered between gates instead of waiting for the whole report.
  for (const id of GATE_IDS) {
    sections.push(await gateSection(id, record));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const releaseId = input.record?.release_id ?? input.releaseId ?? '';
  const r = input.record;
  const meta = r
    ? `run ${esc(r.finished_at)} (now ${esc(r.now)}) · ${esc(r.tool.name)} ${esc(r.tool.version)} · fingerprint <code>${esc(r.fingerprint.slice(0, 19))}…</code>`
    : 'no run yet';
  const head = `<header><h1>Gate report: ${esc(releaseId || '(no release_id)')}</h1><p class="meta">Card <code>${esc(input.cardPath)}</code> · ${meta}</p></header>`;
  const foot = '<footer>Charts mark thresholds as dashed lines and what the run observed as solid ones; every status is also written in words. The run record keeps the exact values.</footer>';
  const body = `${head}<main>${verdictSection(record, input.verdict)}${gatesNav(record)}${sections.join('\n')}</main>${foot}`;
  return htmlPage(`Gate report · ${releaseId}`, body, input.theme ?? 'standalone');
}
