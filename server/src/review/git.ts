/**
 * The git plumbing of `review`: the base commit, the files changed since it, and the content of a
 * file at that commit. Git runs with an argument list (never a shell), with the file-system monitor
 * and external diff and text conversion drivers off, and without prompts, so a repository's
 * configuration cannot make a review execute anything; paths are always given after `--` or as
 * `<commit>:<path>` objects, which git itself confines to the repository.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';

/** Options every git invocation carries. */
const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.quotepath=off', '--no-pager'];

/** Most bytes a git command may print (a card or a file list; evidence is hashed as a stream). */
const MAX_BUFFER = 64 * 1024 * 1024;

/** The base a review compares with. */
export interface ReviewBase {
  /** The commit compared with (the merge base when it could be computed). */
  commit: string;
  /** How a person names it: the ref given or found (`origin/main`). */
  label: string;
  /** Said about how the base was chosen, when it was not simply the merge base (a shallow clone). */
  note?: string;
}

/** A file that differs between the base and the working tree. */
export interface ChangedFile {
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  /** Path relative to the repository root, `/`-separated (the new path of a rename). */
  path: string;
  /** The path at the base, for renames. */
  oldPath?: string;
}

/** A failed git command, with what it said. */
export class GitError extends Error {}

/** Git in one working tree. */
export class Git {
  constructor(readonly cwd: string, private readonly env: Readonly<Record<string, string | undefined>> = process.env) {}

  /** Runs git and returns its standard output; rejects with git's message when it fails. */
  run(args: readonly string[]): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      execFile('git', [...SAFE, ...args], { cwd: this.cwd, env: this.gitEnv(), maxBuffer: MAX_BUFFER, encoding: 'buffer', windowsHide: true }, (err, stdout, stderr) => {
        if (err) reject(new GitError(`git ${args[0] ?? ''} failed: ${stderr.toString('utf8').trim() || err.message}`));
        else resolve(stdout);
      });
    });
  }

  /** Like `run`, as text, undefined when git fails (a ref that does not exist). */
  async text(args: readonly string[]): Promise<string | undefined> {
    try {
      return (await this.run(args)).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** The repository's root folder, or undefined outside a repository. */
  async toplevel(): Promise<string | undefined> {
    return (await this.text(['rev-parse', '--show-toplevel']))?.trim() || undefined;
  }

  /** The commit a ref names, or undefined. Refs that look like options are refused. */
  async commitOf(ref: string): Promise<string | undefined> {
    if (ref.startsWith('-') || ref.includes('\0')) return undefined;
    return (await this.text(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim() || undefined;
  }

  /**
   * The base of a review: the merge base of HEAD with `ref`, else with the default branch (the
   * CI's target branch, `origin/HEAD`, origin/main, origin/master, main, master). In a shallow
   * clone without the common history the merge base cannot be found; the ref itself is then the
   * base, and the note says so.
   */
  async resolveBase(ref?: string): Promise<ReviewBase | { error: string }> {
    const label = ref ?? (await this.defaultBranch());
    if (label === undefined) return { error: 'no base to compare with: no default branch was found (origin/HEAD, origin/main, origin/master, main, master); pass --base <ref>' };
    const commit = await this.commitOf(label);
    if (commit === undefined) return { error: `the base "${label}" is not a commit in this repository; fetch it first (in CI: git fetch origin ${label.replace(/^origin\//, '')})` };
    const head = await this.commitOf('HEAD');
    if (head === undefined) return { commit, label, note: 'the repository has no commit yet, so the working tree is compared with the base itself' };
    const mergeBase = (await this.text(['merge-base', head, commit]))?.trim();
    if (mergeBase) return { commit: mergeBase, label };
    return { commit, label, note: `no common history of HEAD and ${label} was found (a shallow clone?), so the working tree is compared with ${label} itself; fetch more history for the merge base` };
  }

  /** The branch reviews compare with by default. */
  private async defaultBranch(): Promise<string | undefined> {
    const target = this.env['GITHUB_BASE_REF'] || this.env['CI_MERGE_REQUEST_TARGET_BRANCH_NAME'];
    const originHead = (await this.text(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']))?.trim();
    const candidates = [target ? `origin/${target}` : undefined, target, originHead, 'origin/main', 'origin/master', 'main', 'master'];
    for (const c of candidates) if (c && (await this.commitOf(c))) return c;
    return undefined;
  }

  /** Files that differ between a commit and the working tree (staged or not), and untracked files. */
  async changedFiles(commit: string): Promise<ChangedFile[]> {
    const diff = (await this.run(['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', '--ignore-submodules', commit, '--'])).toString('utf8');
    const out = parseNameStatus(diff);
    const untracked = (await this.run(['ls-files', '--others', '--exclude-standard', '-z'])).toString('utf8');
    for (const path of untracked.split('\0').filter(Boolean)) out.push({ status: 'added', path });
    return out;
  }

  /** Tracked and untracked (not ignored) files under the given repository-relative paths. */
  async listFiles(paths: readonly string[]): Promise<string[]> {
    const specs = paths.length > 0 ? paths.map((p) => p || '.') : ['.'];
    const out = await this.run(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...specs]);
    return [...new Set(out.toString('utf8').split('\0').filter(Boolean))];
  }

  /** A file's bytes at a commit, or undefined when it does not exist there. */
  async show(commit: string, path: string): Promise<Buffer | undefined> {
    try {
      return await this.run(['cat-file', 'blob', `${commit}:${path}`]);
    } catch {
      return undefined;
    }
  }

  /** The hex sha256 of a file at a commit, streamed (evidence can be large), or undefined when it does not exist there. */
  blobSha256(commit: string, path: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      const child = spawn('git', [...SAFE, 'cat-file', 'blob', `${commit}:${path}`], { cwd: this.cwd, env: this.gitEnv(), stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
      const hash = createHash('sha256');
      child.stdout.on('data', (chunk: Buffer) => hash.update(chunk));
      child.on('error', () => resolve(undefined));
      child.on('close', (code) => resolve(code === 0 ? hash.digest('hex') : undefined));
    });
  }

  /** The environment of git: no prompts, no optional locks, messages in English for people and tests. */
  private gitEnv(): NodeJS.ProcessEnv {
    return { ...this.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
  }
}

/** Parses `git diff --name-status -z` output (`M\0path\0`, `R100\0old\0new\0`). */
export function parseNameStatus(text: string): ChangedFile[] {
  const parts = text.split('\0');
  const out: ChangedFile[] = [];
  for (let i = 0; i < parts.length; i++) {
    const status = parts[i] ?? '';
    if (status === '') continue;
    const letter = status[0];
    if (letter === 'R' || letter === 'C') {
      const oldPath = parts[++i] ?? '';
      const path = parts[++i] ?? '';
      out.push(letter === 'R' ? { status: 'renamed', path, oldPath } : { status: 'added', path });
      continue;
    }
    const path = parts[++i] ?? '';
    if (letter === 'A') out.push({ status: 'added', path });
    else if (letter === 'D') out.push({ status: 'deleted', path });
    else out.push({ status: 'modified', path });
  }
  return out;
}
