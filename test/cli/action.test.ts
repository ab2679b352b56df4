// The GitHub Action (action.yml, composite): its shell steps run here as the runner runs them
// (`bash --noprofile --norc -eo pipefail`, a fresh $GITHUB_OUTPUT per step, one
// $GITHUB_STEP_SUMMARY, expressions only in `env:` and outputs) on a temporary git repository
// with the issue-14 pull request. No network: the base is given, and dist/ is already built.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT } from './cli';
import { GIT_ENV, TempRepo } from './git-repo';

interface Step {
  name: string;
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

/** What the runner knows while the action runs. */
interface Context {
  inputs: Record<string, string>;
  github: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
}

/** Evaluates the `${{ ... }}` expressions this action uses (context lookups only); anything else fails the test. */
function evaluate(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    const m = /^(inputs|github|steps)\.([A-Za-z0-9_-]+)(?:\.outputs\.([A-Za-z0-9_-]+))?$/.exec(expr);
    if (!m) throw new Error(`the test runner does not evaluate the expression "${expr}"; keep the action's expressions to context lookups`);
    if (m[1] === 'steps') return ctx.steps[m[2] as string]?.outputs[m[3] as string] ?? '';
    return (m[1] === 'inputs' ? ctx.inputs : ctx.github)[m[2] as string] ?? '';
  });
}

/** Reads a $GITHUB_OUTPUT file: `key=value` lines and `key<<DELIMITER` blocks. */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] as string, i + 1);
      out[heredoc[1] as string] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/** The result of running the action. */
interface ActionRun {
  steps: { id: string; status: number | null; stdout: string; stderr: string }[];
  outputs: Record<string, string>;
  summary: string;
}

/** Runs every step of the composite action in `cwd` as the GitHub runner would. */
function runAction(cwd: string, inputs: Record<string, string>, github: Record<string, string> = {}): ActionRun {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
  assert.equal(action.runs.using, 'composite');
  const temp = mkdtempSync(join(tmpdir(), 'rg-action-'));
  const summary = join(temp, 'step_summary.md');
  writeFileSync(summary, '');
  const ctx: Context = {
    inputs: Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? ''])),
    github: { action_path: ROOT, base_ref: '', ...github }, steps: {},
  };
  const steps: ActionRun['steps'] = [];
  try {
    for (const [i, step] of action.runs.steps.entries()) {
      assert.equal(step.uses, undefined, `step "${step.name}" uses another action; the test runs shell steps only`);
      assert.equal(step.shell, 'bash', `step "${step.name}" must say shell: bash (composite steps have no default shell)`);
      assert.ok(step.run && !step.run.includes('${{'), `step "${step.name}" must take workflow values through env:, not expressions in its script`);
      const output = join(temp, `output-${i}`);
      writeFileSync(output, '');
      const script = join(temp, `step-${i}.sh`);
      writeFileSync(script, step.run);
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), ctx)]));
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
        env: { ...GIT_ENV, ...env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: cwd, CI: 'true' },
      });
      const id = step.id ?? `step${i}`;
      ctx.steps[id] = { outputs: readOutputs(output) };
      steps.push({ id, status: r.status, stdout: r.stdout, stderr: r.stderr });
      if (r.status !== 0) break; // the runner stops a composite action at its first failing step
    }
    const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, evaluate(v.value, ctx)]));
    return { steps, outputs, summary: readFileSync(summary, 'utf8') };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

describe('the GitHub Action', () => {
  let repo: TempRepo;
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run "npm run build" first (the action would build it, which needs the network)');
    repo = new TempRepo('rg-action-repo-');
    const fixtures = join(ROOT, 'test', 'fixtures', 'review', 'ranking');
    repo.write('releases/ranking.release.yaml', readFileSync(join(fixtures, 'base.release.yaml'), 'utf8'));
    cpSync(join(ROOT, 'examples', 'churn'), join(repo.dir, 'churn'), { recursive: true });
    // The example's drill and runbook age with the calendar; the action runs at today's date.
    repo.write('churn/release-card.yaml', repo.read('churn/release-card.yaml').replace('max_drill_age_days: 90', 'max_drill_age_days: 36500'));
    repo.write('.release-gates.yaml', 'policy:\n  floors:\n    gates.rollback.max_rto_minutes: 30\n');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'loosen-ranking');
    repo.write('releases/ranking.release.yaml', readFileSync(join(fixtures, 'pr.release.yaml'), 'utf8')).commit('loosen');
  });
  after(() => repo.done());

  it('check, review and run: annotations on the changed lines, the review table and the verdict in the job summary, a blocked verdict', () => {
    const r = runAction(repo.dir, { base: 'main', run: 'churn/release-card.yaml' });
    assert.deepEqual(r.steps.map((s) => [s.id, s.status]), [['setup', 0], ['check', 0], ['review', 0], ['run', 0], ['verdict', 1]]);
    const [, check, review, run, verdict] = r.steps;
    // check holds the pull request's card to the policy too; the example card meets it.
    assert.deepEqual(check!.stdout.split('\n').filter((l) => l.startsWith('::')).map((l) => /^::(\w+) file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(' ')), ['error releases/ranking.release.yaml 63']);
    assert.equal(review!.stdout.split('\n').filter((l) => l.startsWith('::')).length, 13);
    assert.match(review!.stdout, /^::error file=releases\/ranking\.release\.yaml,line=63,col=22,.*title=release-gates review-loosened::gates\.rollback\.max_rto_minutes is looser than main: 10 min → 120 min/m);
    assert.match(review!.stdout, /^::warning file=releases\/ranking\.release\.yaml,line=43,col=21,.*::gates\.performance\.p99_latency_ms is looser than main: 120 ms → 250 ms/m);
    assert.doesNotMatch(run!.stdout, /^::error/m);
    assert.match(verdict!.stdout, /^::error title=Release Gates::The release is blocked: check exited 1, review 1, run 0\./m);
    assert.deepEqual(r.outputs, { check: '1', review: '1', run: '0', verdict: 'blocked' });
    assert.match(r.summary, /^## Release Gates review$/m);
    assert.match(r.summary, /^\| 63 \| `gates\.rollback\.max_rto_minutes` \| 10 min \| 120 min \| max \(upper limit\) \| ❌ looser · crosses policy `policy-floor` \|$/m);
    assert.match(r.summary, /^### Release Gates verdict\n\n\| Step \| Result \|\n\|---\|---\|\n\| release-gates check \| ❌ exit 1 \|\n\| release-gates review \| ❌ exit 1 \|\n\| release-gates run \| ✅ passed \|$/m);
  });

  it('a pull request that loosens nothing passes, and no gate run is reported as skipped', () => {
    const clean = new TempRepo('rg-action-clean-');
    try {
      clean.write('releases/ranking.release.yaml', readFileSync(join(ROOT, 'test', 'fixtures', 'review', 'ranking', 'base.release.yaml'), 'utf8')).commit('base');
      clean.git('checkout', '-q', '-b', 'tighten');
      clean.write('releases/ranking.release.yaml', clean.read('releases/ranking.release.yaml').replace('max_rto_minutes: 10', 'max_rto_minutes: 8')).commit('tighten');
      const r = runAction(clean.dir, { base: 'main' });
      assert.deepEqual(r.steps.map((s) => [s.id, s.status]), [['setup', 0], ['check', 0], ['review', 0], ['run', 0], ['verdict', 0]], JSON.stringify(r, null, 1));
      assert.deepEqual(r.outputs, { check: '0', review: '0', run: '0', verdict: 'pass' });
      assert.match(r.steps[2]!.stdout, /^::notice file=releases\/ranking\.release\.yaml,line=63,.*::gates\.rollback\.max_rto_minutes is stricter than main: 10 min → 8 min/m);
      assert.match(r.summary, /\| release-gates run \| ⏭️ skipped \|/);
    } finally {
      clean.done();
    }
  });

  it('a branch name with shell syntax reaches git as one argument, never as a command', () => {
    const r = runAction(repo.dir, { base: 'main;touch pwned' });
    assert.equal(r.steps.find((s) => s.id === 'review')?.status, 0);
    assert.equal(r.outputs.review, '2');
    assert.equal(existsSync(join(repo.dir, 'pwned')), false);
  });
});
