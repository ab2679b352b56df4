/** Runs the bundled CLI as users do and captures its output. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '../..');

/** Output and exit code of one CLI run. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args` in a working directory (with an environment, when given). */
export function cli(args: string[], cwd = ROOT, env?: NodeJS.ProcessEnv): CliRun {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(env ? { env } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
