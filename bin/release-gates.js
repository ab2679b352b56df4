#!/usr/bin/env node
// The `release-gates` command: loads the bundled CLI (with its code cache, see load-cli.js) and runs it.
require('./load-cli').loadCli().exports.runFromProcess();
