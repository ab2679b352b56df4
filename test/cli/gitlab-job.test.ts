// The GitLab CI job documented in docs/review.md, run as GitLab runs a job's script (one shell,
// the lines in order, variables in the environment) on a temporary clone with an `origin`, so the
// documentation cannot drift from the CLI. The install lines of before_script are not run (they
// need the network); the job's RELEASE_GATES variable points at this checkout's dist/ instead.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './cli';
import { GIT_ENV, TempRepo } from './git-repo';

interface Job {
  image: string;
  variables: Record<string, string>;
  before_script: string[];
  script: string[];
  artifacts: { paths: string[] };
}

/** The `release-gates` job of the page. */
function documentedJob(): Job {
  const page = readFileSync(join(ROOT, 'docs', 'review.md'), 'utf8');
  for (const m of page.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)) {
    for (const doc of parseAllDocuments(m[1] ?? '')) {
      const job = (doc.toJS() as Record<string, Job> | null)?.['release-gates'];
      if (job?.script) return job;
    }
  }
  throw new Error('docs/review.md has no release-gates job');
}

/** Runs the job's script in a clone, as a merge-request pipeline into main. */
function runJob(dir: string): { status: number | null; stdout: string; stderr: string } {
  const job = documentedJob();
  const r = spawnSync('bash', ['-e', '-c', job.script.join('\n')], {
    cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    env: { ...GIT_ENV, ...job.variables, RELEASE_GATES: join(ROOT, 'dist', 'cli.js'), CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_PIPELINE_SOURCE: 'merge_request_event' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the documented GitLab CI job', () => {
  const repos: TempRepo[] = [];
  after(() => repos.forEach((r) => r.done()));

  /** An origin with the base on main, and a clone on the merge request's branch with the loosening. */
  function mergeRequest(policy?: string): TempRepo {
    const origin = new TempRepo('rg-gitlab-origin-');
    repos.push(origin);
    const fixtures = join(ROOT, 'test', 'fixtures', 'review', 'ranking');
    origin.write('releases/ranking.release.yaml', readFileSync(join(fixtures, 'base.release.yaml'), 'utf8'));
    cpSync(join(ROOT, 'examples', 'churn'), join(origin.dir, 'releases', 'churn'), { recursive: true });
    // The example's drill and runbook age with the calendar; the job runs at today's date.
    origin.write('releases/churn/release-card.yaml', origin.read('releases/churn/release-card.yaml').replace('max_drill_age_days: 90', 'max_drill_age_days: 36500'));
    if (policy) origin.write('.release-gates.yaml', policy);
    origin.commit('base');
    const clone = new TempRepo('rg-gitlab-', `${origin.dir}-clone`);
    repos.push(clone);
    origin.git('clone', '-q', origin.dir, clone.dir);
    clone.git('config', 'user.name', 'T');
    clone.git('config', 'user.email', 't@example.invalid');
    clone.git('checkout', '-q', '-b', 'loosen');
    clone.write('releases/ranking.release.yaml', readFileSync(join(fixtures, 'pr.release.yaml'), 'utf8')).commit('loosen');
    return clone;
  }

  it('reviews the merge request, keeps the summary as its artifact, and passes when nothing breaks policy', () => {
    const job = documentedJob();
    assert.equal(job.image, 'node:20');
    const clone = mergeRequest();
    const r = runJob(clone.dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^releases\/ranking\.release\.yaml:43:21: warning gates\.performance\.p99_latency_ms is looser than origin\/main: 120 ms → 250 ms/m);
    const artifact = join(clone.dir, job.artifacts.paths[0] ?? '');
    assert.ok(existsSync(artifact));
    assert.match(readFileSync(artifact, 'utf8'), /^### `releases\/ranking\.release\.yaml` · ml-2026-12-01\.1$/m);
  });

  it('fails the job when the merge request crosses the project policy', () => {
    const clone = mergeRequest('policy:\n  floors:\n    gates.quality.non_inferiority_delta: 0.01\n');
    const r = runJob(clone.dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^releases\/ranking\.release\.yaml:35:28: error gates\.quality\.non_inferiority_delta is looser than origin\/main: 0\.005 → 0\.05 .*\[review-loosened\]$/m);
  });
});
