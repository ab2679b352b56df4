// Loads the bundled CLI (dist/cli.js) with V8's code cache when one was built beside it
// (dist/cli.js.cache, written by `npm run build` from a run of `check`): compiling the 1.6 MB bundle
// is most of a cold start, and pre-commit hooks and CI start the CLI once per card. The cache is
// only a speed-up. It starts with the build id of the bundle's banner and is used only for that
// exact build (V8's own check compares lengths, not bytes); V8 rejects one made by another Node;
// and without a usable cache the bundle is required as usual, so the CLI behaves the same.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const BUNDLE = path.join(__dirname, '..', 'dist', 'cli.js');
const CACHE = `${BUNDLE}.cache`;

/** The build id in the bundle's banner (`/* release-gates build <id> *\/`), or undefined. */
function buildId(source) {
  return /^\/\* release-gates build ([0-9a-f-]{36}) \*\//.exec(source)?.[1];
}

/** The cached data when the cache file was made for this very build, else undefined. */
function cacheFor(id) {
  let file;
  try {
    file = fs.readFileSync(CACHE);
  } catch {
    return undefined;
  }
  const header = Buffer.from(`${id}\n`);
  return id !== undefined && file.subarray(0, header.length).equals(header) ? file.subarray(header.length) : undefined;
}

/** Compiles and runs the bundle as CommonJS with the cached data (if any). */
function runCached(source, cachedData) {
  const script = new vm.Script(Module.wrap(source), {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: (specifier) => import(specifier),
  });
  const mod = new Module(BUNDLE, module);
  mod.filename = BUNDLE;
  mod.paths = Module._nodeModulePaths(path.dirname(BUNDLE));
  const req = (id) => mod.require(id);
  req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  req.main = require.main;
  req.cache = require.cache;
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, BUNDLE, path.dirname(BUNDLE));
  mod.loaded = true;
  return { exports: mod.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/**
 * The CLI's exports. `produce` writes the code cache when the process exits (the build runs one
 * command this way), so the cache holds every function that command compiled.
 */
function loadCli({ produce = false } = {}) {
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const id = buildId(source);
  const cached = produce ? undefined : cacheFor(id);
  if (!produce && cached === undefined) return { exports: require(BUNDLE), cacheUsed: false };
  const loaded = runCached(source, cached);
  if (produce && id !== undefined) process.once('exit', () => fs.writeFileSync(CACHE, Buffer.concat([Buffer.from(`${id}\n`), loaded.script.createCachedData()])));
  return loaded;
}

module.exports = { loadCli, BUNDLE, CACHE };
