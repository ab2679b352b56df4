/** The table of `release-gates` sub-commands: one line per command. */
import { alertsCommand } from './alerts';
import { canaryCommand } from './canary';
import { checkCommand } from './check';
import { explainCommand } from './explain';
import { initCommand } from './init';
import type { CommandModule } from './io';
import { readinessCommand } from './readiness';
import { reviewCommand } from './review';
import { rolloutCommand } from './rollout';
import { runCommand } from './run';

/** Every sub-command, in help order. */
export const COMMANDS: readonly CommandModule[] = [
  initCommand,
  checkCommand,
  runCommand,
  reviewCommand,
  explainCommand,
  alertsCommand,
  readinessCommand,
  rolloutCommand,
  canaryCommand,
];
