/**
 * The rollout in the editor: lenses on `rollout:` ("Export to Argo Rollouts…", "Export to
 * Flagger…", and "Judge canary now" when a Prometheus URL is configured) and the server commands
 * behind them. Export writes the generated files beside the card through `workspace/applyEdit`, so
 * the user sees and can undo them; judging queries only the URL of the user's settings or the
 * server's environment, never one from the card.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LSPErrorCodes, MessageType, ResponseError, type CodeLens, type Connection, type WorkspaceEdit } from 'vscode-languageserver';
import type { Card } from '../card/model';
import { SERVER_COMMANDS } from '../protocol';
import { DEFAULT_MIN_REQUESTS, judgeCanary, minRequestsFor, planRollout, windowFor, renderFiles, type RolloutPlan, type RolloutTarget, type Verdict } from '../rollout';
import { uriPath } from './documents';
import { RESTRICTED_MESSAGE } from './run/trust';

/** What the rollout lenses depend on besides the card. */
export interface RolloutLensContext {
  uri: string;
  trusted: boolean;
  /** True when a Prometheus URL is configured (user setting or the server's environment). */
  canJudge: boolean;
}

/** The engines' names as people read them. */
const ENGINES: Readonly<Record<RolloutTarget, string>> = { argo: 'Argo Rollouts', flagger: 'Flagger' };

/** Lenses on the `rollout:` key of a card with a canary. */
export function rolloutLenses(card: Card, ctx: RolloutLensContext): CodeLens[] {
  const pair = card.pair(['rollout']);
  if (!pair || card.get(['rollout', 'strategy']) !== 'canary') return [];
  const range = card.range(pair);
  const lens = (title: string, command: string, args: unknown[]): CodeLens => (ctx.trusted ? { range, command: { title, command, arguments: args } } : { range, command: { title: `${title} (restricted mode)`, command: '' } });
  const out = [lens(`Export to ${ENGINES.argo}…`, SERVER_COMMANDS.exportRollout, [ctx.uri, 'argo']), lens(`Export to ${ENGINES.flagger}…`, SERVER_COMMANDS.exportRollout, [ctx.uri, 'flagger'])];
  if (ctx.canJudge) out.push(lens('Judge canary now', SERVER_COMMANDS.judgeCanary, [ctx.uri]));
  return out;
}

/** The plan of a card, or a request error that names the first problem and where it is. */
function planOrFail(card: Card, target: RolloutTarget | 'judge'): RolloutPlan {
  const plan = planRollout(card, target);
  const first = plan.problems[0];
  if (!first) return plan;
  const line = card.range(card.anchor(first.at)).start.line + 1;
  const more = plan.problems.length > 1 ? ` (and ${plan.problems.length - 1} more; see the Problems panel)` : '';
  throw new ResponseError(LSPErrorCodes.RequestFailed, `The rollout cannot be ${target === 'judge' ? 'judged' : `exported to ${ENGINES[target]}`}: line ${line}: ${first.message}${more}`);
}

/** Writes the generated files into `rollout/<target>/` beside the card; answers their URIs. */
export async function exportRollout(connection: Connection, card: Card, uri: string, target: unknown): Promise<{ files: string[] }> {
  if (target !== 'argo' && target !== 'flagger') throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown rollout target ${JSON.stringify(target)}; use argo or flagger`);
  const plan = planOrFail(card, target);
  const cardFile = uriPath(uri);
  const folder = path.join(path.dirname(cardFile), 'rollout', target);
  // Without a configured address the files say where it goes; a local URL is not the cluster's.
  const files = renderFiles(plan, target, path.basename(cardFile)).map((f) => ({ uri: pathToFileURL(path.join(folder, f.file)).href, text: f.text }));
  const edit: WorkspaceEdit = {
    documentChanges: files.flatMap((f) => [
      { kind: 'create' as const, uri: f.uri, options: { overwrite: true } },
      { textDocument: { uri: f.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: f.text }] },
    ]),
  };
  const result = await connection.workspace.applyEdit({ label: `Export the rollout to ${ENGINES[target]}`, edit });
  if (!result.applied) throw new ResponseError(LSPErrorCodes.RequestFailed, `The editor did not write the ${ENGINES[target]} files${result.failureReason ? `: ${result.failureReason}` : ''}.`);
  const address = target === 'argo' ? 'pass the in-cluster Prometheus address as the argument prometheus-address' : 'set spec.provider.address in each MetricTemplate';
  void connection.sendNotification('window/showMessage', { type: MessageType.Info, message: `Wrote ${files.length} ${ENGINES[target]} file(s) to ${path.relative(path.dirname(cardFile), folder)}/ (${plan.conditions.length} analysis metric(s)); ${address}, or generate with release-gates rollout --prometheus-url.` });
  return { files: files.map((f) => f.uri) };
}

/** Judges the canary now and shows the verdict; answers it with its reasons. */
export async function judgeCanaryNow(connection: Connection, card: Card, prometheusUrl: string | undefined): Promise<{ verdict: Verdict; reasons: string[] }> {
  if (!prometheusUrl) throw new ResponseError(LSPErrorCodes.RequestFailed, 'No Prometheus URL is configured: set releaseGates.prometheusUrl in your user settings (a card never names it).');
  const plan = planOrFail(card, 'judge');
  const windowSeconds = windowFor(plan);
  const j = await judgeCanary(plan, {
    prometheus: { url: prometheusUrl }, time: new Date(), windowSeconds, intervalSeconds: Math.min(plan.intervalSeconds, windowSeconds),
    minRequests: minRequestsFor(card.get(['rollout', 'min_requests_per_step']), undefined, DEFAULT_MIN_REQUESTS),
  });
  const type = j.verdict === 'continue' ? MessageType.Info : j.verdict === 'hold' ? MessageType.Warning : MessageType.Error;
  const why = j.reasons[0] ? `: ${j.reasons[0]}${j.reasons.length > 1 ? ` (+${j.reasons.length - 1} more)` : ''}` : ': every condition was measured on the canary and none holds';
  void connection.sendNotification('window/showMessage', { type, message: `Canary of ${plan.service}: ${j.verdict}${why}.` });
  return { verdict: j.verdict, reasons: j.reasons };
}

/** The rollout commands any LSP client may send (`workspace/executeCommand`). */
export const ROLLOUT_COMMANDS: readonly string[] = [SERVER_COMMANDS.exportRollout, SERVER_COMMANDS.judgeCanary];

/** The Prometheus URL the canary is judged from: the user's setting, else the server's environment. */
export function judgeUrl(setting: string | undefined): string | undefined {
  return setting ?? (process.env['RELEASE_GATES_PROMETHEUS_URL'] || undefined);
}

/** Export or judge, on the card as open or on disk; trusted workspaces only (both read or write files, judge contacts a host). */
export async function rolloutCommand(
  connection: Connection, command: string, args: unknown[], ctx: { trusted: boolean; prometheusUrl: string | undefined; source(uri: string): Promise<{ card: Card } | undefined> },
): Promise<unknown> {
  if (!ctx.trusted) throw new ResponseError(LSPErrorCodes.RequestFailed, RESTRICTED_MESSAGE);
  const [uri, target] = args;
  const source = typeof uri === 'string' ? await ctx.source(uri) : undefined;
  if (typeof uri !== 'string' || !source) throw new ResponseError(LSPErrorCodes.RequestFailed, `${command} needs the URI of a release card on disk as its first argument`);
  if (command === SERVER_COMMANDS.exportRollout) return exportRollout(connection, source.card, uri, target);
  return judgeCanaryNow(connection, source.card, judgeUrl(ctx.prometheusUrl));
}
