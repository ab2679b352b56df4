// Writes dist/cli.js.cache (run by esbuild.mjs after bundling): one `release-gates check` of the
// churn example in produce mode, so the cache holds every function that path compiles.
'use strict';
const path = require('node:path');

process.chdir(path.join(__dirname, '..'));
process.argv = [process.argv[0], 'release-gates', 'check', 'examples/churn/release-card.yaml'];
require('../bin/load-cli').loadCli({ produce: true }).exports.runFromProcess();
