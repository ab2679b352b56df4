/**
 * Renders a run for people and machines: the stable JSON shape of `release-gates run --format
 * json`, a readable text report, and core findings (one per failing or erroring check, on the
 * threshold that decided it) for the SARIF, JUnit and GitHub formatters. Pure: no I/O.
 */
import type { Finding, Range } from '../../card/findings';
import type { Card } from '../../card/model';
import type { RunResult } from './run';
import { resultPhrase } from '../../format';
import type { CheckResult, CheckValue, GateResult, GateStatus } from './types';

/** 1-based location of a check's threshold in the card. */
export interface CheckLocation {
  path: string;
  line: number;
  column: number;
}

/** The range of the card node a check is about (its key, or the nearest existing ancestor). */
export function checkRange(card: Card, check: CheckResult): Range {
  return card.range(card.anchor(check.at));
}

/** A check's location for reports. */
export function checkLocation(card: Card, cardPath: string, check: CheckResult): CheckLocation {
  const r = checkRange(card, check);
  return { path: cardPath, line: r.start.line + 1, column: r.start.character + 1 };
}

/** JSON cannot hold NaN; an unmeasurable value is null. */
function jsonValue(v: CheckValue | undefined): CheckValue {
  return v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : v;
}

/** The JSON document of a run (stable shape: see docs/run-records.md). */
export function runJson(result: RunResult, card: Card, cardPath: string, recordPath: string | null): Record<string, unknown> {
  return {
    release_id: result.releaseId,
    fingerprint: result.fingerprint,
    status: result.status,
    gates: result.gates.map((g) => ({
      gate: g.gate,
      status: g.status,
      checks: g.checks.map((c) => ({
        id: c.id, status: c.status, observed: jsonValue(c.observed), threshold: jsonValue(c.threshold), message: c.message,
        location: checkLocation(card, cardPath, c),
      })),
    })),
    deferred: result.deferred.map((d) => ({ gate: d.gate, owner: d.owner, deadline: d.deadline, ...(d.reason ? { reason: d.reason } : {}) })),
    record: recordPath,
  };
}

/** The finding code of a check: `gate.<gate>.<check id>` with spaces made safe for rule ids. */
export function checkCode(gate: string, check: CheckResult): string {
  return `gate.${gate}.${check.id.replace(/\s+/g, '_')}`;
}

/** One error finding per failing or erroring check, located on its threshold. */
export function runFindings(result: RunResult, card: Card): Finding[] {
  return result.gates.flatMap((g) =>
    g.checks.filter((c) => c.status !== 'pass').map((c) => ({
      code: checkCode(g.gate, c), severity: 'error' as const, range: checkRange(card, c),
      message: `${g.gate} gate ${c.status === 'fail' ? 'failed' : 'could not decide'}: ${c.message}`,
    })));
}

/** Every check code of a run, for reports that list passing checks too (JUnit). */
export function runCodes(result: RunResult): string[] {
  return result.gates.flatMap((g) => g.checks.map((c) => checkCode(g.gate, c)));
}

const MARK: Readonly<Record<GateStatus, string>> = { pass: '✔', fail: '✖', error: '!' };

/**
 * The checks of a gate that did not pass, grouped by message: one missing file makes every check of
 * its gate an error with the same words, which a report says once, with how many checks it hit.
 */
export function groupProblems<T extends { status: GateStatus; message: string }>(checks: readonly T[]): { first: T; all: T[] }[] {
  const groups = new Map<string, { first: T; all: T[] }>();
  for (const c of checks) {
    if (c.status === 'pass') continue;
    const g = groups.get(c.message);
    if (g) g.all.push(c);
    else groups.set(c.message, { first: c, all: [c] });
  }
  return [...groups.values()];
}

/** Wraps text at `width` columns with an indent. */
function wrap(text: string, indent: string, width = 100): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/**
 * Lines of one gate: a header, then every check with what it compared ("1075 ms > 800 ms
 * allowed"); the message of a check that did not pass follows it once, with the number of checks
 * that share it.
 */
function gateText(g: GateResult, card: Card, cardPath: string): string[] {
  const counts = `${g.checks.filter((c) => c.status === 'pass').length}/${g.checks.length} checks pass`;
  const lines = [`${MARK[g.status]} ${g.gate.padEnd(14)} ${g.status.toUpperCase().padEnd(5)}  ${g.asserted ? 'asserted in the card, not computed' : counts}`];
  const groups = new Map(groupProblems(g.checks).map((grp) => [grp.first, grp.all]));
  for (const c of g.checks) {
    const loc = checkLocation(card, cardPath, c);
    const phrase = c.observed === undefined && c.threshold === undefined && !c.summary ? '' : resultPhrase(c);
    lines.push(`    ${MARK[c.status]} ${c.id}${phrase ? `  ${phrase}` : ''}  (${loc.path}:${loc.line}:${loc.column})`);
    const group = groups.get(c);
    if (group) lines.push(wrap(group.length > 1 ? `${c.message} (The same problem stops ${group.length} checks of this gate.)` : c.message, '        '));
  }
  return lines;
}

/**
 * The readable report of a run's gates: header, every gate with its checks, the deferrals. The
 * verdict line is the verdict module's: it also weighs what `check` found in the card.
 */
export function runLines(result: RunResult, card: Card, cardPath: string): string[] {
  const out = [`Release ${result.releaseId || '(no release_id)'} · ${cardPath}`, `Fingerprint ${result.fingerprint} · now ${result.now}`, ''];
  for (const g of result.gates) out.push(...gateText(g, card, cardPath));
  for (const d of result.deferred) out.push(`- ${d.gate.padEnd(14)} DEFERRED  owner ${d.owner}, deadline ${d.deadline}${d.reason ? ` (${d.reason})` : ''}`);
  return out;
}

/** Wraps a message under a report line (exported for the verdict's own lines). */
export function wrapMessage(text: string): string {
  return wrap(text, '        ');
}
