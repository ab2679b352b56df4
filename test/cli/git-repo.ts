/**
 * Real git repositories in temporary folders for the review tests: init, commit the base, change,
 * commit or leave the change in the working tree. Git's global and system configuration are kept
 * out so a developer's hooks, signing or default branch cannot change what the tests see.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The environment every git call of a test (and the CLI it runs) gets. */
export const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GITHUB_BASE_REF: '', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: '' };

/** One temporary repository. */
export class TempRepo {
  readonly dir: string;

  constructor(prefix = 'rg-review-', dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), prefix));
    if (dir === undefined) {
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'user.name', 'Release Gates Test');
      this.git('config', 'user.email', 'test@example.invalid');
      this.git('config', 'commit.gpgsign', 'false');
    }
  }

  /** Runs git here and returns its output; throws with git's message when it fails. */
  git(...args: string[]): string {
    const r = spawnSync('git', args, { cwd: this.dir, encoding: 'utf8', env: GIT_ENV });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  }

  /** Writes a file (folders created). */
  write(path: string, text: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    return this;
  }

  /** Reads a file. */
  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  /** Stages everything and commits. */
  commit(message: string): this {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this;
  }

  /** Removes the folder. */
  done(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
