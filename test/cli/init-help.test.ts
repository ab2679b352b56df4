// The rough edges a new user meets first: `init` (shared template, never overwrites, says what to
// do next), `--help`/`-h` on every command, unknown options with a guess, `lsp` without --stdio,
// and the JUnit title of each command.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../server/src/cli';
import { allCommands } from '../../server/src/cli/commands';

const COMMANDS = allCommands();
import { initCommand } from '../../server/src/cli/init';
import type { CliIO } from '../../server/src/cli/io';
import { checkText } from '../../server/src/check';
import { cardTemplate } from '../../server/src/scaffold/template';
import { cli } from './cli';

const dir = mkdtempSync(join(tmpdir(), 'rg-init-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI's main in-process; returns its exit code and output. */
async function run(args: string[], cwd = dir): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { cwd, out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false, env: {} };
  const code = await main(args, io);
  return { code, out, err };
}

describe('release-gates init', () => {
  it('writes release-card.yaml in the working directory and says to commit the run record', async () => {
    const cwd = join(dir, 'plain');
    mkdirSync(cwd);
    const r = await run(['init'], cwd);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Wrote release-card\.yaml \(profile full, kind classification\)/);
    assert.match(r.out, /Fill in owner and artifacts\.model_uri/);
    assert.match(r.out, /Commit release-card\.run\.json with the card/);
    const text = readFileSync(join(cwd, 'release-card.yaml'), 'utf8');
    // Unanswered, the owner and model URI are placeholders that check reports: nothing passes unnoticed.
    const codes = checkText('release-card.yaml', text).findings.filter((f) => f.severity === 'error').map((f) => f.code);
    assert.deepEqual(codes.sort(), ['require-post-release-owner', 'schema-format']);
  });

  it('writes the same text as the editor\'s template, from the same answers', async () => {
    const r = await run(['init', '--profile', 'small-internal-service', '--kind', 'ranking', '--owner', '@alice', '--model-uri', 'models:/reco/7', '--release-id', 'ml-x.1', 'reco.release.yaml']);
    assert.equal(r.code, 0, r.err);
    const written = readFileSync(join(dir, 'reco.release.yaml'), 'utf8');
    const expected = cardTemplate({ releaseId: 'ml-x.1', owner: '@alice', modelUri: 'models:/reco/7', profile: 'small-internal-service', kind: 'ranking' });
    // The deferral deadlines depend on the day; everything else is the editor's text.
    const noDates = (s: string): string => s.replace(/\d{4}-\d{2}-\d{2}/g, 'DATE');
    assert.equal(noDates(written), noDates(expected));
    assert.deepEqual(checkText('reco.release.yaml', written).findings.filter((f) => f.severity === 'error'), []);
    assert.doesNotMatch(r.out, /Fill in/);
  });

  it('writes into a folder as release-card.yaml, and never overwrites', async () => {
    const folder = join(dir, 'team');
    mkdirSync(folder);
    writeFileSync(join(folder, 'release-card.yaml'), 'release_id: mine\n');
    const r = await run(['init', 'team']);
    assert.equal(r.code, 2);
    assert.match(r.err, /team\/release-card\.yaml already exists and was left as it is/);
    assert.equal(readFileSync(join(folder, 'release-card.yaml'), 'utf8'), 'release_id: mine\n');
  });

  it('refuses answers the schema would refuse, before writing anything', async () => {
    const refused = join(dir, 'refused');
    mkdirSync(refused);
    for (const [args, why] of [
      [['--profile', 'tiny'], /profile "tiny" is not one of full, small-internal-service/],
      [['--kind', 'vision'], /kind "vision" is not one of classification, regression, ranking, llm/],
      [['--model-uri', 'churn:latest'], /model URI "churn:latest" is not one/],
      [['--release-id', 'has space'], /release id "has space" may hold only/],
      [['--owner', '  '], /Name an owner/],
      [['a.yaml', 'b.yaml'], /give at most one path/],
    ] as const) {
      const r = await run(['init', ...args], refused);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, why);
    }
    assert.deepEqual(readdirSync(refused), []);
  });

  it('notes that the editor only picks up card file names', async () => {
    const r = await run(['init', '--owner', 'a', '--model-uri', 'models:/m/1', 'card.yaml']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /The editor treats release-card\.yaml and \*\.release\.yaml as cards/);
  });
});

describe('release-gates <command> --help', () => {
  it('prints each command\'s options with --help and -h, exit 0', async () => {
    for (const command of [...COMMANDS.map((c) => c.name), 'lsp']) {
      for (const flag of ['--help', '-h']) {
        const r = await run([command, flag]);
        assert.equal(r.code, 0, `${command} ${flag}: ${r.err}`);
        assert.match(r.out, new RegExp(`^release-gates ${command}: `), `${command} ${flag}`);
        assert.match(r.out, /^Usage: release-gates /m);
        assert.match(r.out, /-h, --help\s+Show this help and exit\./);
      }
    }
  });

  it('lists every option of a command\'s table in its help', async () => {
    for (const command of COMMANDS) {
      const help = (await run([command.name, '--help'])).out;
      for (const name of Object.keys(command.options ?? {})) assert.match(help, new RegExp(`--${name}\\b`), `${command.name} --help lacks --${name}`);
    }
  });

  it('says an unknown option is unknown, guesses the one meant, and points at --help', async () => {
    const r = await run(['run', 'card.yaml', '--formt', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^release-gates run: unknown option --formt; did you mean --format\?$/m);
    assert.match(r.err, /Run "release-gates run --help" for every option\./);
    const missing = await run(['check', 'x', '--format']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--format needs a value <format>/);
    const valued = await run(['run', 'x', '--quiet=yes']);
    assert.match(valued.err, /--quiet takes no value/);
  });

  it('takes a value that starts with a dash only after "=", and positionals after --', async () => {
    const r = await run(['init', '--owner=-team', '--model-uri', 'models:/m/1', '--', '--odd.release.yaml']);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(join(dir, '--odd.release.yaml'), 'utf8'), /^owner: "-team"$/m);
    const ambiguous = await run(['init', '--owner', '-team']);
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.err, /--owner needs a value <owner>; write a value that starts with "-" as --owner=<value>/);
    // A negative number is a value, never an option: the command judges the number itself.
    const negative = await run(['canary', 'card.yaml', '--prometheus-url', 'http://127.0.0.1:1', '--alpha', '-0.5']);
    assert.match(negative.err, /--alpha "-0\.5" must be a significance level/);
  });

  it('mentions --help in the overall help', async () => {
    const r = await run(['--help']);
    assert.match(r.out, /init\s+Write a new release card/);
    assert.match(r.out, /Run "release-gates <command> --help" for the options of a command\./);
  });
});

describe('release-gates lsp', () => {
  it('without --stdio says what is supported, without a stack trace', () => {
    for (const args of [['lsp'], ['lsp', '--socket=2087'], ['lsp', '--node-ipc']]) {
      const r = cli(args);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /the language server speaks LSP over stdio only: run "release-gates lsp --stdio"/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });
});

describe('JUnit titles', () => {
  it('names the command that produced the report', async () => {
    assert.ok(COMMANDS.includes(initCommand));
    const check = await run(['check', '--format', 'junit', join(__dirname, '../../examples/seed/release-card.yaml')]);
    assert.match(check.out, /<testsuites name="release-gates check"/);
    const runJunit = await run(['run', '--format', 'junit', '--no-record', '--quiet', join(__dirname, '../../examples/seed/release-card.yaml')]);
    assert.match(runJunit.out, /<testsuites name="release-gates run"/);
  });
});
