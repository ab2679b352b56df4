/**
 * `rollout --check`: compares an AnalysisTemplate already in the repository (often written by hand
 * before the card existed) with the card's auto-rollback conditions, so a template whose
 * thresholds drifted from the card is reported in review, on the template's own lines.
 */
import { isMap, parseAllDocuments } from 'yaml';
import type { Finding } from '../card/findings';
import { noneOmitted } from '../card/findings';
import { Card, type CardPath } from '../card/model';
import { LineIndex } from '../card/positions';
import { ROLLOUT_CODES, type RolloutCode } from './codes';
import { valueText } from './format';
import { negate, type Op, type PlannedCondition, type RolloutPlan } from './plan';
import { list, num, obj, str } from '../card/read';

const KINDS = new Set(['AnalysisTemplate', 'ClusterAnalysisTemplate']);
const COMPARISON = /^\s*(?:!\s*isNaN\(\s*result(?:\[0\])?\s*\)\s*(?:&&|and)\s*)?result(?:\[0\])?\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i;

/** One metric of a template, as far as its thresholds can be read. */
interface TemplateMetric {
  name: string;
  path: CardPath;
  /** The failing comparison: the failureCondition, else the negated successCondition. */
  op?: Op;
  value?: number;
  /** The key the comparison was read from. */
  from?: 'failureCondition' | 'successCondition';
  failureLimit: number;
}

/** Findings on the template file; [] when it agrees with the card. */
export function checkTemplate(plan: RolloutPlan, text: string, file: string): Finding[] {
  const index = new LineIndex(text);
  const docs = parseAllDocuments(text);
  const templates = (Array.isArray(docs) ? docs : []).filter((d) => isMap(d.contents)).map((d) => new Card(file, { text, index, doc: d, value: d.toJS() as unknown, structural: true, findings: [], omitted: noneOmitted() })).filter((c) => KINDS.has(str(c.get(['kind'])) ?? ''));
  const first = templates[0];
  if (!first) return [finding('rollout-template-drift', index.range(0, 0), `${file} holds no AnalysisTemplate, so none of the card's ${plan.conditions.length} auto-rollback conditions can be checked against it. Point --check at the template file, or generate one with release-gates rollout --target argo.`)];
  const metrics = templates.flatMap((t) => list(t.get(['spec', 'metrics'])).map((_, i) => [t, readMetric(t, i)] as const));
  const out: Finding[] = [];
  const used = new Set<TemplateMetric>();
  for (const c of plan.conditions) {
    const match = metrics.find(([, m]) => sameMetric(m.name, c));
    if (!match) {
      out.push(finding('rollout-template-drift', first.range(first.anchor(['spec', 'metrics'])), `The card rolls back on "${c.condition.raw}" but this template has no metric for ${c.condition.metric ?? c.name} (looked for a metric named ${c.name}). Without it the canary is not stopped when that condition holds. Add the metric, or regenerate the template from the card.`));
      continue;
    }
    used.add(match[1]);
    out.push(...compareMetric(plan, c, match[0], match[1]));
  }
  for (const [t, m] of metrics) {
    if (!used.has(m)) out.push(finding('rollout-template-extra', t.range(t.anchor(m.path)), `Metric "${m.name}" has no auto-rollback condition in the card, so the card is not the whole story of what stops this canary. Add the condition to rollout.auto_rollback_on (or remove the metric).`));
  }
  return out;
}

/** Reads one metric's name, failing comparison and failure limit. */
function readMetric(t: Card, i: number): TemplateMetric {
  const path: CardPath = ['spec', 'metrics', i];
  const m = obj(t.get(path)) ?? {};
  const fail = COMPARISON.exec(str(m['failureCondition']) ?? '');
  const ok = COMPARISON.exec(str(m['successCondition']) ?? '');
  const limit = typeof m['failureLimit'] === 'string' ? Number(m['failureLimit']) : num(m['failureLimit']);
  const out: TemplateMetric = { name: str(m['name']) ?? '', path, failureLimit: limit !== undefined && Number.isFinite(limit) ? limit : 0 };
  if (fail) return { ...out, op: fail[1] as Op, value: Number(fail[2]), from: 'failureCondition' };
  if (ok) return { ...out, op: negate(ok[1] as Op), value: Number(ok[2]), from: 'successCondition' };
  return out;
}

/** A template metric names the condition's metric: `p99-latency-ms`, `p99_latency_ms`, `p99-latency`. */
function sameMetric(name: string, c: PlannedCondition): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[-_.]+/g, '_');
  const bare = (s: string): string => norm(s).replace(/_(ms|seconds|s|rate|share|ratio|percent)$/, '');
  const metric = c.condition.metric ?? c.name;
  return norm(name) === norm(metric) || norm(name) === norm(c.name) || bare(name) === bare(metric);
}

/** Threshold, direction and failure limit of one matched metric. */
function compareMetric(plan: RolloutPlan, c: PlannedCondition, t: Card, m: TemplateMetric): Finding[] {
  const at = (key: string): Finding['range'] => t.range(t.node([...m.path, key]) ?? t.anchor([...m.path, key]));
  const out: Finding[] = [];
  const want = `${c.op} ${c.threshold}`;
  if (m.op === undefined || m.value === undefined) {
    out.push(finding('rollout-template-drift', at('failureCondition'), `Metric "${m.name}" has no failureCondition (or successCondition) of the form result[0] ${want}, so its threshold cannot be compared with "${c.condition.raw}" in the card. Write the comparison in that form.`));
  } else if (!sameComparison(m.op, m.value, c)) {
    const unit = unitHint(m.value, c.threshold);
    out.push(finding('rollout-template-drift', at(m.from ?? 'failureCondition'), `Metric "${m.name}" fails at result[0] ${m.op} ${m.value}, but the card rolls back at "${c.condition.raw}" (result[0] ${want}, ${valueText(c.threshold, c.query.unit)}).${unit} The canary and the card now judge the release by two standards; regenerate the template from the card or change the card.`));
  }
  if (m.failureLimit > plan.failureLimit) {
    out.push(finding('rollout-template-drift', at('failureLimit'), `Metric "${m.name}" tolerates ${m.failureLimit} failed measurements before aborting, the card ${plan.failureLimit} (rollout.failure_limit). The canary keeps taking traffic through breaches the card would stop at. Use the card's limit.`));
  }
  return out;
}

/** The same comparison: same operator and threshold (equal to 1e-9 relative, for decimal noise). */
function sameComparison(op: Op, value: number, c: PlannedCondition): boolean {
  return op === c.op && Math.abs(value - c.threshold) <= 1e-9 * Math.max(1, Math.abs(c.threshold));
}

/** A hint when the template's number is the card's in another unit (seconds, percent). */
function unitHint(value: number, threshold: number): string {
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  if (near(value * 1000, threshold) || near(value, threshold * 1000)) return ' The numbers differ by 1000: one of them is in seconds and the other in milliseconds.';
  if (near(value, threshold * 100) || near(value * 100, threshold)) return ' The numbers differ by 100: one of them is a percentage and the other a share from 0 to 1.';
  return '';
}

function finding(code: RolloutCode, range: Finding['range'], message: string): Finding {
  return { code, severity: ROLLOUT_CODES[code].severity, message, range };
}
