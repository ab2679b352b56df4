/**
 * Installs a real VS Code (1.100.3, as shipped inside the npm package code-server@4.100.3) under
 * `.cache/editor/`, once. VS Code's own download servers are out of reach here, so neither
 * @vscode/test-electron nor @vscode/test-web can fetch an editor; code-server's npm package carries
 * the same workbench and extension host, but its post-install fails as shipped, so the steps it would
 * run are done here by hand: dependencies without scripts, native modules rebuilt against this Node,
 * the system ripgrep in place of the downloaded one, and the `node_modules.asar` link. The tests start
 * VS Code's own `server-main.js`, not code-server's front end, so code-server's argon2 (password
 * login) is never loaded and is not rebuilt.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The code-server release whose VS Code (1.100.3) runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';

/** Debian packages: headers for the native rebuilds, ripgrep for search, and the browser. */
const APT_PACKAGES = ['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev', 'ripgrep', 'chromium'];

/** Native modules of VS Code that Linux loads; the Windows-only ones are left unbuilt. */
const NATIVE_MODULES = ['@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty'];

/** The repository root. */
export const ROOT = resolve(__dirname, '../..');

/** Where the editor is cached; `.cache/` is git-ignored. */
export const CACHE = join(ROOT, '.cache/editor');

/** The VS Code tree inside the cached code-server package. */
export const VSCODE_DIR = join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules/code-server/lib/vscode');

/** The browser that Playwright drives: Debian's, since browser downloads are not possible here. */
export const CHROMIUM = '/usr/bin/chromium';

// The stamp names everything the cached tree depends on, so a Node upgrade rebuilds the natives.
const STAMP = join(VSCODE_DIR, '.release-gates-install');
const stampText = (): string => JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: process.versions.modules, natives: NATIVE_MODULES });

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${(r.stdout + r.stderr).slice(-4000)}`);
  }
}

function missingDebianPackages(): string[] {
  return APT_PACKAGES.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/** Installs the Debian packages that are missing; CI runs as root, so apt-get works there. */
function ensureDebianPackages(log: (line: string) => void): void {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}; install them with: sudo apt-get install ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  run('apt-get', ['update'], ROOT);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`apt-get install failed:\n${(r.stdout + r.stderr).slice(-4000)}`);
}

/** Node's own headers beside the running binary, so node-gyp never tries to download them. */
function nodeDir(): string[] {
  const dir = resolve(dirname(process.execPath), '..');
  return existsSync(join(dir, 'include/node/node.h')) ? [`--nodedir=${dir}`] : [];
}

/** node-gyp as npm ships it. */
function nodeGyp(): string {
  // `npm run` tells its scripts where node-gyp is; run directly, npm sits beside node.
  const fromNpm = process.env['npm_config_node_gyp'];
  if (fromNpm !== undefined && existsSync(fromNpm)) return fromNpm;
  return resolve(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
}

function installEditor(log: (line: string) => void): void {
  const prefix = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
  // A half-finished tree from an interrupted run is removed rather than patched.
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: 'release-gates-editor-cache', private: true }));
  log(`npm install code-server@${CODE_SERVER_VERSION} --ignore-scripts`);
  run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund'], prefix);
  log('npm install --omit=dev --ignore-scripts in lib/vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], VSCODE_DIR);
  const gyp = nodeGyp();
  for (const name of NATIVE_MODULES) {
    log(`node-gyp rebuild ${name}`);
    run(process.execPath, [gyp, 'rebuild', '--jobs=max', ...nodeDir()], join(VSCODE_DIR, 'node_modules', name));
  }
  // Search in the workbench runs ripgrep from this path; the package's own binary is a download.
  const rg = join(VSCODE_DIR, 'node_modules/@vscode/ripgrep/bin/rg');
  mkdirSync(dirname(rg), { recursive: true });
  copyFileSync('/usr/bin/rg', rg);
  // VS Code and extensions look for some modules under node_modules.asar, which a build would pack.
  symlinkSync('node_modules', join(VSCODE_DIR, 'node_modules.asar'));
  writeFileSync(STAMP, stampText());
}

/** Makes sure the editor and the browser are installed; returns quickly when they already are. */
export function ensureEditor(log: (line: string) => void = (line) => console.log(`[install] ${line}`)): void {
  ensureDebianPackages(log);
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stampText()) return;
  const started = Date.now();
  installEditor(log);
  log(`code-server ${CODE_SERVER_VERSION} (VS Code 1.100.3) ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (require.main === module) ensureEditor();
