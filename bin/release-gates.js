#!/usr/bin/env node
// Thin launcher so `npx release-gates` works in a checkout: the CLI itself is bundled in dist/.
require('../dist/cli.js').runFromProcess();
