/**
 * The review as Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a headline with the
 * counts, then one table per card (line, what changed, before → after, direction, verdict), then
 * the full messages folded away. Cell text is escaped so a card value cannot break the table.
 */
import type { ReviewFinding } from './findings';
import type { CardReview, ReviewResult } from './review';

/** Options of the rendering. */
export interface MarkdownOptions {
  /** Paths as the reader should see them (relative to the working directory). */
  displayPath?: (card: CardReview) => string;
  /** At most this many rows per card (GitHub limits a summary to 1 MiB). */
  maxRows?: number;
}

const MARK = { error: '❌', warning: '⚠️', info: 'ℹ️', hint: 'ℹ️' } as const;

/** The whole summary. */
export function reviewMarkdown(result: ReviewResult, opts: MarkdownOptions = {}): string {
  const all = result.cards.flatMap((c) => c.findings);
  const count = (s: string): number => all.filter((f) => f.severity === s).length;
  const base = `${code(result.base.label)} (${result.base.commit.slice(0, 12)})`;
  const lines = ['## Release Gates review', ''];
  if (result.cards.length === 0) {
    lines.push(`No release card changed since ${base}.`, '');
    return lines.join('\n');
  }
  const verdict = count('error') > 0 ? '**Blocked**: a change breaks the project policy or cannot be reviewed.' : count('warning') > 0 ? '**Needs a reviewer\'s eye**: something got looser or was removed.' : '**No loosening found.**';
  lines.push(`Compared with ${base}: ${plural(result.cards.length, 'card')} changed, ${plural(all.length, 'change')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info') + count('hint'), 'note')}). ${verdict}`, '');
  if (result.base.note) lines.push(`> ${escape(result.base.note)}`, '');
  for (const card of result.cards) lines.push(...cardSection(card, opts));
  return lines.join('\n');
}

/** One card's heading, table and details. */
function cardSection(card: CardReview, opts: MarkdownOptions): string[] {
  const shown = opts.displayPath?.(card) ?? card.path;
  const status = card.status === 'modified' ? '' : ` · ${card.status}${card.oldPath ? ` from ${code(card.oldPath)}` : ''}`;
  const out = [`### ${code(shown)}${card.releaseId ? ` · ${escape(card.releaseId)}` : ''}${status}`, ''];
  if (card.findings.length === 0) return [...out, 'No semantic change (comments, descriptions or formatting only).', ''];
  const max = opts.maxRows ?? 200;
  out.push('| Line | What | Before | After | Direction | Verdict |', '|---:|---|---|---|---|---|');
  for (const f of card.findings.slice(0, max)) out.push(row(f));
  if (card.findings.length > max) out.push('', `…and ${card.findings.length - max} more; see the annotations or the JSON output.`);
  out.push('', '<details><summary>Messages</summary>', '');
  for (const f of card.findings.slice(0, max)) out.push(`- **L${f.range.start.line + 1}** ${code(f.code)}: ${escape(f.message)}`);
  out.push('', '</details>', '');
  return out;
}

/** One table row. */
function row(f: ReviewFinding): string {
  const c = f.change;
  const dated = typeof c.afterValue === 'string' && /^\d{4}-\d{2}-\d{2}/.test(c.afterValue);
  const direction = dated ? (c.direction === 'max' ? 'later is looser' : c.direction === 'min' ? 'earlier is looser' : '—')
    : c.direction === 'max' ? 'max (upper limit)' : c.direction === 'min' ? 'min (lower limit)' : '—';
  const verdict = `${MARK[f.severity]} ${c.verdict}${c.policy ? ` · crosses policy ${code(c.policy)}` : ''}`;
  const cells = [String(f.range.start.line + 1), code(c.subject), escape(c.before ?? '—'), escape(c.after ?? '—'), direction, verdict];
  return `| ${cells.join(' | ')} |`;
}

/** Escapes text for a table cell: what would end the cell, start Markdown or HTML; newlines become spaces. */
export function escape(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[`*_[\]]/g, (c) => `\\${c}`).replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code span; inside a table a pipe must still be escaped, and a backtick would end the span. */
function code(text: string): string {
  return `\`${text.replace(/\r?\n|\r/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
