/**
 * The sections of the gate report: the verdict with the card's own blockers, a navigation strip,
 * then one section per gate (all seven, in card order: computed, asserted, deferred or not run),
 * each with its charts and a table of every check saying what it compared. A message shared by
 * several checks is printed once, with their count.
 */
import { checkLabel, formatNumber, resultPhrase } from '../../format';
import { gateById } from '../../gates/engine/registry';
import { groupProblems } from '../../gates/engine/report';
import { GATE_IDS, type GateId } from '../../gates/engine/types';
import type { RecordCheck, RecordGate, RunRecord } from '../../records';
import { checkFigure, MARK, planesTable, STATUS_WORD, suitesFigure } from './figures';
import { esc } from './page';

/** The verdict as the report shows it. */
export interface ReportVerdict {
  state: 'pass' | 'blocked' | 'stale' | 'none';
  title: string;
  detail: string;
}

/** The heading of the verdict by state, with its shape. */
const VERDICT_HEAD: Readonly<Record<ReportVerdict['state'], string>> = {
  pass: '✔ May take traffic', blocked: '✖ Must not take traffic', stale: '! Stale: these results are for another bundle', none: '! Not decided: not every gate has a result',
};

/** The part of a record the sections read (none of it when no gate has run yet). */
export type ReportRecord = Pick<RunRecord, 'gates' | 'deferred'> & Partial<Pick<RunRecord, 'blocked'>>;

/** The verdict block: the sentence, then what in the card itself blocks the release. */
export function verdictSection(record: ReportRecord, verdict: ReportVerdict): string {
  const blockers = record.blocked?.findings ?? [];
  const list = blockers.length > 0
    ? `<h3>Findings in the card that block the release</h3><ul class="blockers">${blockers.map((f) => `<li><code>${esc(f.code)}</code> (line ${esc(f.line)}): ${esc(f.message)}</li>`).join('')}</ul>`
    : '';
  return `<section class="verdict ${esc(verdict.state)}" aria-labelledby="verdict-heading"><h2 id="verdict-heading">${esc(VERDICT_HEAD[verdict.state])}</h2><p>${esc(verdict.detail)}</p>${list}</section>`;
}

/** A gate's status as the report names it: computed, asserted, deferred or not run. */
function gateState(id: GateId, record: ReportRecord): { cls: string; mark: string; word: string } {
  const g = record.gates.find((x) => x.gate === id);
  if (g) return { cls: `s-${g.status}`, mark: MARK[g.status] ?? '?', word: `${STATUS_WORD[g.status] ?? g.status}${g.asserted ? ' (asserted, not computed)' : ''}` };
  if (record.deferred.some((d) => d.gate === id)) return { cls: 's-deferred', mark: '–', word: 'deferred' };
  return { cls: 's-none', mark: '○', word: 'not run' };
}

/** Links to every gate's section with its status in words. */
export function gatesNav(record: ReportRecord): string {
  const items = GATE_IDS.map((id) => {
    const s = gateState(id, record);
    return `<li><a href="#gate-${id}"><span class="mark ${s.cls}" aria-hidden="true">${s.mark}</span>${esc(id)}: ${esc(s.word)}</a></li>`;
  });
  return `<nav class="gates-nav" aria-label="Gates"><ul>${items.join('')}</ul></nav>`;
}

/** One row of the checks table; the message follows when the check did not pass (once per shared message). */
function checkRow(c: RecordCheck, group: RecordCheck[] | undefined): string {
  const why = group ? `<div class="why">${esc(c.message)}${group.length > 1 ? ` <strong>The same problem stops ${group.length} checks of this gate.</strong>` : ''}</div>` : '';
  const n = c.sample_size !== undefined ? esc(formatNumber(c.sample_size)) : '';
  return `<tr><td><span class="mark s-${esc(c.status)}" aria-hidden="true">${MARK[c.status] ?? '?'}</span>${esc(STATUS_WORD[c.status] ?? c.status)}</td><td>${esc(checkLabel(c))}<br><code class="muted">${esc(c.id)}</code></td><td>${esc(resultPhrase(c))}${why}</td><td class="n">${n}</td></tr>`;
}

/** The table of a gate's checks. */
function checksTable(g: RecordGate): string {
  const groups = new Map(groupProblems(g.checks).map((grp) => [grp.first, grp.all]));
  const rows = g.checks.map((c) => checkRow(c, groups.get(c)));
  return `<table><caption>Every check of the ${esc(g.gate)} gate</caption><thead><tr><th scope="col">Status</th><th scope="col">Check</th><th scope="col">Result</th><th scope="col">n</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The charts of a gate: its checks' figures, plus the gate's own views. */
async function gateFigures(g: RecordGate): Promise<string> {
  const figures = await Promise.all(g.checks.map((c) => checkFigure(g.gate, c)));
  if (g.gate === 'robustness') figures.unshift(await suitesFigure(g));
  if (g.gate === 'observability') figures.unshift(planesTable(g));
  const shown = figures.filter((f) => f !== '');
  return shown.length > 0 ? `<div class="charts">${shown.join('')}</div>` : '';
}

/** The body of a gate that has a result. */
async function computedBody(g: RecordGate): Promise<string> {
  if (g.asserted) return '<p>The card only asserts this gate\'s status; nothing was computed from evidence, so there is nothing to chart.</p>';
  const passed = g.checks.filter((c) => c.status === 'pass').length;
  const took = g.duration_ms !== undefined ? ` · computed in ${formatNumber(g.duration_ms / 1000, 2)} s` : '';
  return `<p class="muted">${passed} of ${g.checks.length} checks pass${took}</p>${await gateFigures(g)}${checksTable(g)}`;
}

/** The section of one gate. */
export async function gateSection(id: GateId, record: ReportRecord): Promise<string> {
  const def = gateById(id);
  const s = gateState(id, record);
  const g = record.gates.find((x) => x.gate === id);
  const deferred = record.deferred.find((d) => d.gate === id);
  const title = def?.title ?? `${id} gate`;
  const body = g ? await computedBody(g)
    : deferred ? `<p>Deferred to ${esc(deferred.owner)} until ${esc(deferred.deadline)}${deferred.reason ? ` (${esc(deferred.reason)})` : ''}, as the card's profile allows.</p>`
      : '<p>This run did not compute the gate; run all gates for a verdict.</p>';
  return `<section id="gate-${id}" class="gate ${s.cls}" aria-labelledby="gate-${id}-heading"><h2 id="gate-${id}-heading"><span class="mark ${s.cls}" aria-hidden="true">${s.mark}</span>${esc(title)}: <span class="badge ${s.cls}">${esc(s.word)}</span></h2>${def ? `<p>${esc(def.summary)}</p>` : ''}${body}</section>`;
}
