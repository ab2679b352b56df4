/**
 * The table of `release-gates` sub-commands: one line per command. Each command's module is loaded
 * when that command runs, so `check` in a pre-commit hook does not start what `run` or `rollout`
 * need (evidence loaders, worker threads, the Prometheus client); `--help` loads them all.
 */
import type { CommandModule } from './io';

/** Every sub-command by name, in help order, each loaded on first use. */
const LOADERS: Readonly<Record<string, () => CommandModule>> = {
  init: () => (require('./init') as typeof import('./init')).initCommand,
  check: () => (require('./check') as typeof import('./check')).checkCommand,
  run: () => (require('./run') as typeof import('./run')).runCommand,
  review: () => (require('./review') as typeof import('./review')).reviewCommand,
  explain: () => (require('./explain') as typeof import('./explain')).explainCommand,
  alerts: () => (require('./alerts') as typeof import('./alerts')).alertsCommand,
  readiness: () => (require('./readiness') as typeof import('./readiness')).readinessCommand,
  rollout: () => (require('./rollout') as typeof import('./rollout')).rolloutCommand,
  canary: () => (require('./canary') as typeof import('./canary')).canaryCommand,
};

/** The command called `name`, or undefined when there is none. */
export function findCommand(name: string): CommandModule | undefined {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]?.() : undefined;
}

/** Every sub-command, in help order (loads them all). */
export function allCommands(): CommandModule[] {
  return Object.values(LOADERS).map((load) => load());
}
