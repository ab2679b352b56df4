// `release-gates review` against the situations a repository really is in: cards added, deleted,
// renamed or left uncommitted, evidence changed under an unchanged card, a shallow CI clone, the
// default branch found without --base, scoping to paths, broken input, and the CI formats.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, ROOT } from './cli';
import { GIT_ENV, TempRepo } from './git-repo';

const BASE = readFileSync(join(ROOT, 'test', 'fixtures', 'review', 'ranking', 'base.release.yaml'), 'utf8');
/** The seed's minimal card: different enough from BASE that git does not take it for a rename. */
const SEED = readFileSync(join(ROOT, 'examples', 'seed', 'release-card.yaml'), 'utf8');

interface Found {
  path: string;
  line: number;
  severity: string;
  code: string;
  message: string;
  change: { subject: string; verdict: string; before?: string; after?: string };
}

function review(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = GIT_ENV): { status: number | null; cards: { path: string; status: string; findings: Found[] }[]; base?: { ref: string; note?: string }; stderr: string } {
  const r = cli(['review', '--format', 'json', '--now', '2026-12-01T12:00:00Z', ...args], dir, env);
  const parsed = r.stdout.trim().startsWith('{') ? (JSON.parse(r.stdout) as { cards: { path: string; status: string; findings: Found[] }[]; base: { ref: string; note?: string } }) : { cards: [] };
  return { status: r.status, cards: parsed.cards, ...('base' in parsed ? { base: parsed.base } : {}), stderr: r.stderr };
}

describe('release-gates review in real repositories', () => {
  const repos: TempRepo[] = [];
  const track = (r: TempRepo): TempRepo => (repos.push(r), r);
  after(() => repos.forEach((r) => r.done()));

  it('a card added, one deleted, one renamed with a change, and an uncommitted edit are each handled', () => {
    const repo = track(new TempRepo());
    repo.write('a/ranking.release.yaml', BASE).write('b/old.release.yaml', BASE.replace('ml-2026-12-01.1', 'ml-2026-12-01.2')).write('c/moving.release.yaml', BASE.replace('ml-2026-12-01.1', 'ml-2026-12-01.3')).commit('base');
    repo.git('checkout', '-q', '-b', 'pr');
    repo.write('d/new.release.yaml', SEED);
    repo.git('rm', '-q', 'b/old.release.yaml');
    repo.git('mv', 'c/moving.release.yaml', 'c/moved.release.yaml');
    repo.write('c/moved.release.yaml', repo.read('c/moved.release.yaml').replace('max_rto_minutes: 10', 'max_rto_minutes: 5'));
    repo.commit('pr');
    repo.write('a/ranking.release.yaml', BASE.replace('    p99_latency_ms: 120', '    p99_latency_ms: 130'));
    repo.write('e/untracked.release.yaml', SEED.replace('ml-2025-12-26.3', 'ml-2026-12-03.1'));
    const r = review(repo.dir);
    assert.equal(r.status, 0, r.stderr);
    const byPath = new Map(r.cards.map((c) => [c.path, c]));
    assert.deepEqual([...byPath.keys()], ['a/ranking.release.yaml', 'b/old.release.yaml', 'c/moved.release.yaml', 'd/new.release.yaml', 'e/untracked.release.yaml']);
    assert.deepEqual(byPath.get('a/ranking.release.yaml')!.findings.map((f) => [f.line, f.code]), [[43, 'review-loosened']]);
    assert.deepEqual(byPath.get('b/old.release.yaml')!.findings.map((f) => [f.code, f.severity]), [['review-card-removed', 'warning']]);
    assert.equal(byPath.get('c/moved.release.yaml')!.status, 'renamed');
    assert.deepEqual(byPath.get('c/moved.release.yaml')!.findings.map((f) => [f.line, f.code]), [[63, 'review-tightened']]);
    assert.deepEqual(byPath.get('d/new.release.yaml')!.findings.map((f) => f.code), ['review-card-added']);
    assert.match(byPath.get('d/new.release.yaml')!.findings[0]!.message, /d\/new\.release\.yaml is a new release card \(ml-2025-12-26\.3\)/);
    assert.deepEqual(byPath.get('e/untracked.release.yaml')!.findings.map((f) => f.code), ['review-card-added']);
  });

  it('a new card is held to the project policy', () => {
    const repo = track(new TempRepo());
    repo.write('.release-gates.yaml', 'policy:\n  floors:\n    gates.rollback.max_rto_minutes: 5\n').commit('policy');
    repo.write('new.release.yaml', BASE);
    const r = review(repo.dir, ['--base', 'main']);
    assert.equal(r.status, 1);
    assert.deepEqual(r.cards[0]!.findings.map((f) => [f.line, f.code, f.severity]), [[1, 'review-card-added', 'info'], [63, 'policy-floor', 'error']]);
  });

  it('evidence changed under an unchanged card: the card is reviewed and the evidence line says the sha256 moved', () => {
    const repo = track(new TempRepo());
    repo.write('r/ranking.release.yaml', BASE).write('r/evidence/perf/requests.csv', 'latency_ms\n100\n').commit('base');
    repo.write('r/evidence/perf/requests.csv', 'latency_ms\n100\n90\n');
    const r = review(repo.dir, ['--base', 'main']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.cards.length, 1);
    const [f] = r.cards[0]!.findings;
    assert.equal(f?.code, 'review-evidence-changed');
    assert.equal(f?.line, 42);
    assert.match(f!.message, /gates\.performance\.evidence \(evidence\/perf\/requests\.csv\) changed since main: sha256 [0-9a-f]{12}… → sha256 [0-9a-f]{12}… \(the content of evidence\/perf\/requests\.csv changed\)/);
  });

  it('evidence paths that leave the repository are never read', () => {
    const repo = track(new TempRepo());
    repo.write('ranking.release.yaml', BASE).commit('base');
    repo.write('ranking.release.yaml', BASE.replace('evidence/perf/requests.csv', '../../../../etc/hostname'));
    const r = review(repo.dir, ['--base', 'main']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.cards[0]!.findings.map((f) => f.code), ['review-changed']);
  });

  it('works in a shallow CI clone once the base branch is fetched, and says what it compared with', () => {
    const origin = track(new TempRepo());
    origin.write('ranking.release.yaml', BASE).commit('base');
    origin.git('checkout', '-q', '-b', 'pr');
    origin.write('ranking.release.yaml', BASE.replace('min_pass_rate: 0.99', 'min_pass_rate: 0.9')).commit('pr');
    const clone = track(new TempRepo('rg-shallow-', join(origin.dir, '..', `${origin.dir.split('/').pop() ?? 'x'}-clone`)));
    origin.git('clone', '-q', '--depth', '1', '--branch', 'pr', `file://${origin.dir}`, clone.dir);
    const missing = review(clone.dir, ['--base', 'origin/main']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /the base "origin\/main" is not a commit in this repository; fetch it first \(in CI: git fetch origin main\)/);
    clone.git('fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
    const r = review(clone.dir, ['--base', 'origin/main']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.base?.note ?? '', /no common history of HEAD and origin\/main was found \(a shallow clone\?\)/);
    assert.deepEqual(r.cards[0]!.findings.map((f) => [f.line, f.code]), [[40, 'review-loosened']]);
  });

  it('without --base, the merge base with the default branch is used (origin/HEAD in a clone, or the CI target branch)', () => {
    const origin = track(new TempRepo());
    origin.write('ranking.release.yaml', BASE).commit('base');
    const clone = track(new TempRepo('rg-clone-', join(origin.dir, '..', `${origin.dir.split('/').pop() ?? 'x'}-full`)));
    origin.git('clone', '-q', origin.dir, clone.dir);
    clone.git('config', 'user.name', 'T');
    clone.git('config', 'user.email', 't@example.invalid');
    clone.git('checkout', '-q', '-b', 'pr');
    clone.write('ranking.release.yaml', BASE.replace('max_rto_minutes: 10', 'max_rto_minutes: 20')).commit('pr');
    const r = review(clone.dir);
    assert.equal(r.base?.ref, 'origin/main');
    assert.deepEqual(r.cards[0]!.findings.map((f) => f.code), ['review-loosened']);
    const ci = review(clone.dir, [], { ...GIT_ENV, GITHUB_BASE_REF: 'main' });
    assert.equal(ci.base?.ref, 'origin/main');
  });

  it('paths limit the review; a card outside them is not reported', () => {
    const repo = track(new TempRepo());
    repo.write('team-a/x.release.yaml', BASE).write('team-b/y.release.yaml', BASE).commit('base');
    repo.write('team-a/x.release.yaml', BASE.replace('max_rto_minutes: 10', 'max_rto_minutes: 20')).write('team-b/y.release.yaml', BASE.replace('max_rto_minutes: 10', 'max_rto_minutes: 30'));
    const r = review(join(repo.dir, 'team-b'), ['--base', 'main', '.']);
    assert.deepEqual(r.cards.map((c) => c.path), ['y.release.yaml']);
  });

  it('a card that no longer parses cannot be reviewed: an error, exit 1', () => {
    const repo = track(new TempRepo());
    repo.write('ranking.release.yaml', BASE).commit('base');
    repo.write('ranking.release.yaml', `${BASE.slice(0, 400)}\n  bad: [unclosed\n`);
    const r = review(repo.dir, ['--base', 'main']);
    assert.equal(r.status, 1);
    assert.deepEqual(r.cards[0]!.findings.map((f) => [f.code, f.severity]), [['review-unreadable', 'error']]);
    repo.write('ranking.release.yaml', Buffer.from([0x72, 0x00, 0x01, 0xff]));
    assert.deepEqual(review(repo.dir, ['--base', 'main']).cards[0]!.findings.map((f) => f.code), ['review-unreadable']);
  });

  it('usage and git problems exit 2 with the reason', () => {
    const repo = track(new TempRepo());
    repo.write('ranking.release.yaml', BASE).commit('base');
    assert.match(review(repo.dir, ['--base', 'no-such-branch']).stderr, /the base "no-such-branch" is not a commit in this repository/);
    // An option-looking base never reaches git: the argument parser refuses it as a missing value,
    // and written as --base=<value> the ref check refuses it.
    const option = cli(['review', '--base', '--upload-pack=touch /tmp/pwned'], repo.dir, GIT_ENV);
    assert.equal(option.status, 2);
    assert.match(option.stderr, /--base needs a value/);
    const glued = cli(['review', '--base=--upload-pack=touch /tmp/pwned'], repo.dir, GIT_ENV);
    assert.equal(glued.status, 2);
    assert.match(glued.stderr, /is not a git ref/);
    const outside = track(new TempRepo('rg-nogit-', join(repo.dir, '..', `${repo.dir.split('/').pop() ?? 'x'}-plain`)));
    mkdirSync(outside.dir, { recursive: true });
    const r = cli(['review'], outside.dir, { ...GIT_ENV, GIT_CEILING_DIRECTORIES: join(outside.dir, '..') });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is not inside a git repository/);
  });

  it('SARIF and GitHub annotations carry the lines of the working card', () => {
    const repo = track(new TempRepo());
    repo.write('ranking.release.yaml', BASE).commit('base');
    repo.write('ranking.release.yaml', BASE.replace('    p99_latency_ms: 120', '    p99_latency_ms: 250'));
    const gh = cli(['review', '--base', 'main', '--format', 'github'], repo.dir, GIT_ENV);
    assert.match(gh.stdout, /^::warning file=ranking\.release\.yaml,line=43,col=21,endLine=43,endColumn=23,title=release-gates review-loosened::gates\.performance\.p99_latency_ms is looser than main: 120 ms → 250 ms/m);
    const sarif = JSON.parse(cli(['review', '--base', 'main', '--format', 'sarif'], repo.dir, GIT_ENV).stdout) as { version: string; runs: { tool: { driver: { rules: { id: string; help?: { text: string } }[] } }; results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0]!.results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.region.startLine]), [['review-loosened', 43]]);
    assert.match(sarif.runs[0]!.tool.driver.rules[0]!.help?.text ?? '', /docs\/review\.md#review-loosened/);
  });
});
