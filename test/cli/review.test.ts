// `release-gates review` on real git repositories in temporary folders: the issue-14 pull request
// (13 loosenings of a ranking card) gets 13 findings on the lines that changed; a failed run
// committed at the base and a project policy turn the worst into errors; the Markdown summary.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, ROOT } from './cli';
import { GIT_ENV, TempRepo } from './git-repo';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'review', 'ranking');
const BASE = readFileSync(join(FIXTURES, 'base.release.yaml'), 'utf8');
const PR = readFileSync(join(FIXTURES, 'pr.release.yaml'), 'utf8');
const CARD = 'releases/ranking.release.yaml';

/** One finding of `review --format json`. */
interface Found {
  path: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
  change: { subject: string; verdict: string; before?: string; after?: string; direction?: string; policy?: string };
}

/** Runs review in a repository and returns its exit code and findings. */
function review(repo: TempRepo, ...args: string[]): { status: number | null; found: Found[]; stderr: string; stdout: string } {
  const r = cli(['review', '--format', 'json', '--now', '2026-12-01T12:00:00Z', ...args], repo.dir, GIT_ENV);
  const parsed = r.stdout.trim().startsWith('{') ? (JSON.parse(r.stdout) as { cards: { findings: Found[] }[] }) : { cards: [] };
  return { status: r.status, found: parsed.cards.flatMap((c) => c.findings), stderr: r.stderr, stdout: r.stdout };
}

/** A repository with the base card committed on main and the pull request's card on a branch. */
function scenario(extraBase: Record<string, string> = {}): TempRepo {
  const repo = new TempRepo();
  repo.write(CARD, BASE);
  for (const [p, t] of Object.entries(extraBase)) repo.write(p, t);
  repo.commit('ranking release');
  repo.git('checkout', '-q', '-b', 'loosen-ranking');
  repo.write(CARD, PR).commit('loosen the ranking release');
  return repo;
}

/** The lines of the pull request's card marked `# <n>:` (the 13 changes), 1-based, with their markers. */
function markedLines(): number[] {
  return PR.split('\n').flatMap((l, i) => [...l.matchAll(/(?:#|,) (\d+)(?=[:,])/g)].map(() => i + 1));
}

describe('release-gates review', () => {
  const repos: TempRepo[] = [];
  const track = (r: TempRepo): TempRepo => (repos.push(r), r);
  after(() => repos.forEach((r) => r.done()));

  it('issue 14: the 13-change pull request on a ranking card gets 13 findings with their lines', () => {
    const repo = track(scenario());
    const r = review(repo);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.found.length, 13, r.found.map((f) => `${f.line} ${f.code} ${f.change.subject}`).join('\n'));
    assert.deepEqual(r.found.map((f) => f.line), markedLines());
    assert.deepEqual(r.found.map((f) => [f.line, f.code, f.change.subject, f.change.before, f.change.after]), [
      [21, 'review-loosened', 'slo.latency_p99_ms', '120 ms', '250 ms'],
      [28, 'review-removed', 'gates.data.drift.critical_columns', '[query_length, user_segment]', '[]'],
      [35, 'review-loosened', 'gates.quality.non_inferiority_delta', '0.005', '0.05'],
      [37, 'review-loosened', 'gates.quality.slices["cold users"].min_samples', '100', '10'],
      [37, 'review-loosened', 'gates.quality.slices["cold users"].non_inferiority_delta', '0.01', '0.2'],
      [40, 'review-loosened', 'gates.robustness.suites["empty queries"].min_pass_rate', '99 %', '50 %'],
      [43, 'review-loosened', 'gates.performance.p99_latency_ms', '120 ms', '250 ms'],
      [45, 'review-loosened', 'gates.performance.fixed_before', '2026-11-20', '2026-12-10'],
      [50, 'review-loosened', 'gates.cost.max_increase_vs_baseline_percent', '5 %', '40 %'],
      [63, 'review-loosened', 'gates.rollback.max_rto_minutes', '10 min', '120 min'],
      [70, 'review-loosened', 'rollout.steps', '[5, 25, 50, 100]', '[50, 100]'],
      [71, 'review-loosened', 'rollout.step_duration_minutes', '60 min', '10 min'],
      [73, 'review-loosened', 'rollout.auto_rollback_on["p99_latency_ms"]', 'p99_latency_ms > 120', 'p99_latency_ms > 250'],
    ]);
    assert.ok(r.found.every((f) => f.severity === 'warning' && f.path === CARD));
    assert.match(r.found[10]!.message, /rollout\.steps is looser than main: \[5, 25, 50, 100\] → \[50, 100\] \(the first step now sends 50 % of traffic, was 5 %; steps 5 %, 25 % removed; 1 canary step before full traffic, was 3\)/);
    assert.match(r.stderr, /Compared with main \([0-9a-f]{12}\): 13 changes in 1 card: 0 errors, 13 warnings, 0 notes\./);
    // Both versions pass check: without review nothing would have said a word.
    assert.equal(cli(['check', CARD], repo.dir, GIT_ENV).status, 0);
    // docs/review.md shows this summary; it must be what the command prints (commit aside).
    const page = readFileSync(join(ROOT, 'docs', 'review.md'), 'utf8');
    const documented = /^````markdown\n([\s\S]*?)\n````$/m.exec(page)?.[1] ?? '';
    const printed = cli(['review', '--format', 'markdown'], repo.dir, GIT_ENV).stdout;
    const hashless = (s: string): string => s.replace(/\(([0-9a-f]{12})\)/g, '(commit)');
    assert.equal(hashless(printed.slice(0, printed.indexOf('\n<details>')).trimEnd()), hashless(documented));
  });

  it('with the base version\'s failing run record committed beside the card, the SLO, the failed threshold and fixed_before are errors', () => {
    const record = { schema_version: 1, release_id: 'ml-2026-12-01.1', failures: [{ check: 'p99_latency_ms', at: ['gates', 'performance', 'p99_latency_ms'], card_value: 120, threshold: 120, observed: 180.5, failed_at: '2026-11-25T16:40:00.000Z' }] };
    const repo = track(scenario({ 'releases/ranking.release.run.json': JSON.stringify(record) }));
    const r = review(repo);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.found.length, 13);
    const errors = r.found.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => [f.line, f.code, f.change.subject]), [
      [21, 'review-moved-after-failure', 'slo.latency_p99_ms'],
      [43, 'review-moved-after-failure', 'gates.performance.p99_latency_ms'],
      [45, 'review-moved-after-failure', 'gates.performance.fixed_before'],
    ]);
    assert.match(errors[1]!.message, /gates\.performance\.p99_latency_ms was loosened after a failed run: 120 ms → 250 ms \(an upper limit, raised, after check p99_latency_ms failed against 120 on 2026-11-25\)/);
  });

  it('a policy floor turns the worst loosenings into errors, and the exit code says the change breaks policy', () => {
    const policy = 'policy:\n  floors:\n    gates.performance.p99_latency_ms: 200\n    slo.latency_p99_ms: 200\n    gates.quality.non_inferiority_delta: 0.01\n    gates.quality.slices.*.min_samples: 50\n    gates.robustness.suites.*.min_pass_rate: 0.95\n    gates.rollback.max_rto_minutes: 30\n  min_canary_steps: 3\n';
    const repo = track(scenario({ '.release-gates.yaml': policy }));
    const r = review(repo);
    assert.equal(r.status, 1);
    assert.equal(r.found.length, 13, 'the policy merges into the changes it crosses instead of adding findings');
    const errors = r.found.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => [f.line, f.change.subject, f.change.policy]), [
      [21, 'slo.latency_p99_ms', 'policy-floor'],
      [35, 'gates.quality.non_inferiority_delta', 'policy-floor'],
      [37, 'gates.quality.slices["cold users"].min_samples', 'policy-floor'],
      [40, 'gates.robustness.suites["empty queries"].min_pass_rate', 'policy-floor'],
      [43, 'gates.performance.p99_latency_ms', 'policy-floor'],
      [63, 'gates.rollback.max_rto_minutes', 'policy-floor'],
      [70, 'rollout.steps', 'policy-canary-steps'],
    ]);
    assert.match(errors[4]!.message, /It also crosses the project policy \[policy-floor\]: gates\.performance\.p99_latency_ms is 250 ms, looser than the project policy allows: gates\.performance\.p99_latency_ms must be at most 200 ms/);
  });

  it('loosening is a warning by default and an error when the project configuration says so', () => {
    const repo = track(scenario({ '.release-gates.yaml': 'rules:\n  review-loosened: error\n  review-removed: off\n' }));
    const r = review(repo);
    assert.equal(r.status, 1);
    assert.equal(r.found.length, 12);
    assert.ok(r.found.every((f) => f.code === 'review-loosened' && f.severity === 'error'));
  });

  it('the Markdown summary renders a table per card and is appended to $GITHUB_STEP_SUMMARY', () => {
    const repo = track(scenario({ '.release-gates.yaml': 'policy:\n  floors:\n    gates.performance.p99_latency_ms: 200\n' }));
    repo.write('summary.md', '# earlier step\n');
    const r = cli(['review', '--format', 'markdown', '--summary', 'summary.md'], repo.dir, GIT_ENV);
    assert.equal(r.status, 1);
    const md = r.stdout;
    assert.match(md, /^## Release Gates review\n\nCompared with `main` \([0-9a-f]{12}\): 1 card changed, 13 changes \(1 error, 12 warnings, 0 notes\)\. \*\*Blocked\*\*/);
    assert.match(md, /^### `releases\/ranking\.release\.yaml` · ml-2026-12-01\.1$/m);
    assert.match(md, /^\| Line \| What \| Before \| After \| Direction \| Verdict \|$/m);
    assert.match(md, /^\| 43 \| `gates\.performance\.p99_latency_ms` \| 120 ms \| 250 ms \| max \(upper limit\) \| ❌ looser · crosses policy `policy-floor` \|$/m);
    assert.match(md, /^\| 73 \| `rollout\.auto_rollback_on\["p99_latency_ms"\]` \| p99\\_latency\\_ms &gt; 120 \| p99\\_latency\\_ms &gt; 250 \| max \(upper limit\) \| ⚠️ looser \|$/m);
    assert.equal(md.split('\n').filter((l) => /^\| \d+ \|/.test(l)).length, 13);
    assert.equal(repo.read('summary.md'), `# earlier step\n${md}\n`);
  });
});
