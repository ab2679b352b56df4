/**
 * Code lenses of a card: "▶ Run all gates" with the overall verdict on the first line, and above
 * each gate "▶ Run gate" with its last result and age. The commands are server commands
 * (`workspace/executeCommand`), so any LSP client can run gates from a lens.
 */
import type { CodeLens } from 'vscode-languageserver';
import type { Finding } from '../card/findings';
import type { Card } from '../card/model';
import { GATE_IDS, type GateId } from '../gates/engine/types';
import type { RecordGate } from '../records';
import { SERVER_COMMANDS } from '../protocol';
import { rolloutLenses } from './rollout';
import { standingVerdict } from '../verdict';
import { ageText, comparisonText, resultText, shorten, STATUS_MARK } from './run/format';
import { gateKeyRange, type StoredResults } from './run/results-store';

/** What the lenses depend on besides the card. */
export interface LensContext {
  uri: string;
  trusted: boolean;
  results: StoredResults | undefined;
  /** What `check` finds in the card now: the card half of the verdict. */
  findings?: readonly Finding[];
  now?: Date;
  /** True when a Prometheus URL is configured, so the canary can be judged from the editor. */
  canJudge?: boolean;
  /** A run of this card in progress: all gates, or the ones listed. */
  running?: { gates?: readonly GateId[] };
  /** The client's command that opens the gate report beside the card, when it has one. */
  reportCommand?: string;
}

/** A lens with a command, or a label only (empty command id: shown, not clickable). */
function lens(range: CodeLens['range'], title: string, command = '', args: unknown[] = []): CodeLens {
  return { range, command: { title, command, ...(command ? { arguments: args } : {}) } };
}

/** The gates the card defines or asserts, in card order of the seven. */
function gatesOf(card: Card): GateId[] {
  return GATE_IDS.filter((id) => card.get(['gates', id]) !== undefined || card.get(['gates', `${id}_gate`]) !== undefined);
}

/** The result text of one gate. */
export function gateResultText(g: RecordGate, finishedAt: string, now?: Date): string {
  const age = ageText(finishedAt, now);
  if (g.status === 'pass') return `${STATUS_MARK.pass} passed ${age}`;
  const bad = g.checks.filter((c) => c.status === g.status);
  const first = bad[0];
  const more = bad.length > 1 ? ` (+${bad.length - 1} more)` : '';
  if (g.status === 'fail') return `${STATUS_MARK.fail} failed: ${first ? comparisonText(first) : 'see diagnostics'}${more} · ${age}`;
  // The key fact of an error comes first ("evidence/x.csv does not exist"), so a lens cut short still says it.
  return `${STATUS_MARK.error} could not decide: ${first ? shorten(resultText(first), 90) : 'no result'}${more} · ${age}`;
}

/**
 * The verdict text of the whole card: the standing verdict (the card's findings now with its last
 * results), so the lens says what `release-gates run` says and never "all gates passed" while the
 * card does not match the schema or an error-level finding is open.
 */
export function verdictText(results: StoredResults, now?: Date, findings: readonly Finding[] = []): string {
  const r = results.record;
  const age = ageText(r.finished_at, now);
  const v = standingVerdict({ findings, record: r, stale: results.stale, ...(results.staleReason ? { staleReason: results.staleReason } : {}) });
  if (v.state === 'stale') return `${v.title} (was ${r.status} ${age})`;
  if (v.state === 'pass') return `${STATUS_MARK.pass} ${v.title} ${age}`;
  if (v.state === 'none') return `${v.title} · ${age}`;
  return `${STATUS_MARK[v.verdict?.status ?? 'error']} ${v.title} · ${age}`;
}

/** The verdict lens while a run is in progress: the old verdict would be news from before it. */
export function runningText(running: { gates?: readonly GateId[] }): string {
  const what = running.gates === undefined ? 'all gates' : `the ${running.gates.join(', ')} gate${running.gates.length === 1 ? '' : 's'}`;
  return `⏳ running ${what}…`;
}

/** "Open gate report" beside "Run all gates", for clients that can show it (their command is known). */
export function reportLenses(top: CodeLens['range'], ctx: LensContext): CodeLens[] {
  if (!ctx.trusted || ctx.reportCommand === undefined) return [];
  return [lens(top, '$(graph) Open gate report', ctx.reportCommand, [ctx.uri])];
}

/** Every lens of a card. */
export function cardLenses(card: Card, ctx: LensContext): CodeLens[] {
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const run = (title: string, args: unknown[]): [string, string, unknown[]] => (ctx.trusted ? [`▶ ${title}`, SERVER_COMMANDS.runGates, args] : [`${title} (restricted mode)`, '', []]);
  const out: CodeLens[] = [lens(top, ...run('Run all gates', [ctx.uri]))];
  const results = ctx.trusted ? ctx.results : undefined;
  const running = ctx.trusted ? ctx.running : undefined;
  if (running) out.push(lens(top, runningText(running)));
  else if (results) out.push(lens(top, verdictText(results, ctx.now, ctx.findings)));
  out.push(...reportLenses(top, ctx));
  for (const id of gatesOf(card)) {
    const range = gateKeyRange(card, id, card.get(['gates', id]) === undefined);
    out.push(lens(range, ...run('Run gate', [ctx.uri, id])));
    if (running && (running.gates === undefined || running.gates.includes(id))) {
      out.push(lens(range, '⏳ running…'));
      continue;
    }
    if (!results) continue;
    const g = results.record.gates.find((x) => x.gate === id);
    const deferred = results.record.deferred.find((d) => d.gate === id);
    if (results.stale && (g || deferred)) out.push(lens(range, `stale: ${results.staleReason ?? 'bundle changed'}`));
    else if (g) out.push(lens(range, gateResultText(g, results.record.finished_at, ctx.now)));
    else if (deferred) out.push(lens(range, `deferred to ${deferred.owner} until ${deferred.deadline}`));
  }
  out.push(...rolloutLenses(card, { uri: ctx.uri, trusted: ctx.trusted, canJudge: ctx.canJudge === true }));
  return out;
}
