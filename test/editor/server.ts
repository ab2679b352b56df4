/**
 * Starts VS Code's server (the real 1.100.3 workbench and extension host) on a free loopback port,
 * with its own user data and extensions folders, and stops it with everything it started.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VSCODE_DIR } from './install';

/** A running VS Code server. */
export interface EditorServer {
  /** `127.0.0.1:<port>`: the remote authority in `vscode-remote://` URIs. */
  authority: string;
  /** The workbench's base URL. */
  url: string;
  /** Stops the server and its extension hosts. */
  stop(): Promise<void>;
}

/** Folders the server keeps its state in; both are made fresh for each run. */
export interface ServerDirs {
  userDataDir: string;
  extensionsDir: string;
}

/**
 * User settings for a quiet, offline editor: no welcome page over the card, no telemetry, no
 * update or recommendation checks. Workspace trust stays on, as users have it, except for the
 * pass of the extension suite that must run gates (see `writeUserSettings`).
 */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
};

/**
 * Writes the user settings; this build of VS Code keeps them on the server, under the user data
 * folder, and a workbench opened afterwards reads them. `trustAll` turns workspace trust off, which
 * makes every folder trusted: a test cannot answer the trust dialog from inside the extension host.
 */
export function writeUserSettings(dirs: ServerDirs, options: { trustAll?: boolean } = {}): void {
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
  const settings = options.trustAll ? { ...SETTINGS, 'security.workspace.trust.enabled': false } : SETTINGS;
  writeFileSync(join(dirs.userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
}

const SERVER_MAIN = join(VSCODE_DIR, 'out/server-main.js');

// code-server's build reads its extension gallery from this variable (Open VSX by default); an empty
// one disables the gallery, so neither the install nor the workbench tries to reach the internet.
const env = { ...process.env, EXTENSIONS_GALLERY: '{}' };

const common = (dirs: ServerDirs): string[] => [
  '--accept-server-license-terms',
  '--telemetry-level', 'off',
  '--user-data-dir', dirs.userDataDir,
  '--extensions-dir', dirs.extensionsDir,
];

/** Installs a .vsix into the extensions folder with the server's own CLI, as a user would. */
export function installExtension(vsix: string, dirs: ServerDirs): void {
  const r = spawnSync(process.execPath, [SERVER_MAIN, ...common(dirs), '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`--install-extension ${vsix} failed (exit ${r.status ?? r.signal}):\n${output}`);
  }
}

/**
 * Starts the server on port 0 and reads the port it bound from its output, so two runs never race
 * for a port. The server's output goes to `logFile`; it rejects if the server exits or stays silent.
 */
export function startServer(dirs: ServerDirs, logFile: string, timeoutMs = 60_000): Promise<EditorServer> {
  const args = [SERVER_MAIN, '--host', '127.0.0.1', '--port', '0', '--without-connection-token', ...common(dirs)];
  // Its own process group, so stopping it also ends the extension hosts and language servers under it.
  const child = spawn(process.execPath, args, { cwd: VSCODE_DIR, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stderr.pipe(log);
  // Signals the whole group; it may be gone already, which is what stopping wants anyway.
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // ESRCH: no process left in the group.
    }
  };
  const stop = async (): Promise<void> => {
    const running = child.exitCode === null && child.signalCode === null;
    const exited = running ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
    // Even when the server itself has exited, its extension hosts may still be running in the group.
    signalGroup('SIGTERM');
    const killer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    let seen = '';
    let listening = false;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`VS Code server printed no port within ${timeoutMs} ms; see ${logFile}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited (${code ?? signal}) before listening; see ${logFile}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (listening) return;
      seen += chunk.toString('utf8');
      const port = /Extension host agent listening on (\d+)/.exec(seen)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      listening = true;
      resolve({ authority: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}`, stop });
    });
  });
}
