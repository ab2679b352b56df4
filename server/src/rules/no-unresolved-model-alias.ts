/**
 * A model named by MLflow alias (`models:/churn-model@candidate`) is whatever version the alias
 * points at when someone reads it. The gates measured one version; unless the run record says
 * which, nobody can tell whether the version taking traffic is the one that passed.
 */
import { modelAliasRefs, type ModelAliasRef, type RecordModelAlias, type RunRecord } from '../records';
import { replaceFix } from './fixes';
import { defineRule } from './types';

/** Flags alias references in the bundle and baseline that no current run record resolved to a version. */
export const noUnresolvedModelAlias = defineRule({
  meta: {
    id: 'no-unresolved-model-alias',
    severity: 'warning',
    summary: 'A model is named by a mutable MLflow alias and no run record says which version it stood for.',
    fix: 'replace',
  },
  check(card, report, { record, staleReason }) {
    // Only a record of this very bundle can say what the alias stood for when the gates ran.
    const resolved = record && staleReason === undefined ? resolvedIn(record) : [];
    for (const ref of modelAliasRefs(card)) {
      if (resolved.some((r) => sameRef(r, ref))) continue;
      const node = card.node(ref.at);
      if (!node) continue;
      report(node, message(ref), { fixes: [replaceFix(card, node, `models:/${ref.name}/<version>`, `Pin the version "${ref.alias}" points at now`)] });
    }
  },
});

/** The record's alias entries that carry a version. */
function resolvedIn(record: RunRecord): RecordModelAlias[] {
  return Array.isArray(record.model_aliases) ? record.model_aliases.filter((a) => typeof a.resolved_version === 'string') : [];
}

/** True when a record entry is about this reference, as written now. */
function sameRef(entry: RecordModelAlias, ref: ModelAliasRef): boolean {
  return entry.uri === ref.uri && entry.at.length === ref.at.length && entry.at.every((k, i) => k === ref.at[i]);
}

/** What is wrong with one reference, for the release or for its rollback target. */
function message(ref: ModelAliasRef): string {
  const where = ref.at.join('.');
  const what = `${where} "${ref.uri}" names the alias "${ref.alias}", which moves whenever someone re-points it`;
  const why = ref.at[0] === 'baseline'
    ? 'Rollback would restore whatever the alias points at that day, not the release that was in production.'
    : 'The gates measured the version it pointed at during the run, but the run record does not say which (Release Gates does not resolve MLflow aliases), so nobody can tell whether the version taking traffic is the one that passed.';
  return `${what}. ${why} Pin the version: models:/${ref.name}/<version>.`;
}
