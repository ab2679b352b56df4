/**
 * `release-gates`: the command-line face of the engine. `lsp --stdio` starts the language server
 * (what Neovim, Helix, Emacs and other LSP clients launch); every other command is in the table.
 */
import { allCommands, findCommand } from './cli/commands';
import { commandHelp, EXIT, processIO, usageError, type CliIO, type CommandModule } from './cli/io';
import { TOOL } from './version';

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${TOOL.name} ${TOOL.version}\n`);
    return EXIT.ok;
  }
  if (name === 'lsp') return lsp(rest, io);
  const command = findCommand(name);
  if (!command) {
    io.err(`release-gates: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  // A command without an option table still answers --help (before any `--`) with its usage.
  if (!command.options && helpAsked(rest)) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(rest, io);
}

/** True when `--help` or `-h` comes before the end of the options. */
function helpAsked(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** `lsp` as the help and usage errors see it; it is started below, not through the table. */
const LSP: CommandModule = {
  name: 'lsp',
  summary: 'Start the language server on stdin/stdout, as Neovim, Helix, Emacs and other LSP clients launch it.',
  usage: 'release-gates lsp --stdio',
  options: { stdio: { type: 'boolean', help: 'Speak LSP over stdin and stdout (the only transport the CLI offers; VS Code starts its bundled server itself).' } },
  run: (args, io) => lsp(args, io),
};

/**
 * Starts the language server. The server module starts listening when loaded; it reads --stdio
 * from process.argv and keeps the process alive until the client disconnects. Anything but
 * `--stdio` alone is a usage error, said before the library could fail on a missing transport.
 */
function lsp(args: readonly string[], io: CliIO): Promise<number> {
  if (helpAsked(args)) {
    io.out(commandHelp(LSP));
    return Promise.resolve(EXIT.ok);
  }
  if (args.length !== 1 || args[0] !== '--stdio') {
    const given = args.length === 0 ? 'no transport was given' : `${args.map((a) => JSON.stringify(a)).join(' ')} is not supported`;
    return Promise.resolve(usageError(io, LSP, `${given}; the language server speaks LSP over stdio only: run "release-gates lsp --stdio" from your editor's LSP client configuration`));
  }
  require('./server');
  return new Promise<number>(() => undefined);
}

function help(): string {
  const commands = allCommands();
  const width = Math.max(...commands.map((c) => c.name.length), 3) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return [
    `${TOOL.name} ${TOOL.version}: validate ML release cards and compute their seven release gates.`,
    '',
    'Commands:',
    ...lines,
    `  ${'lsp'.padEnd(width)}Start the language server (release-gates lsp --stdio).`,
    '',
    'Run "release-gates <command> --help" for the options of a command.',
    'Exit codes: 0 clean, 1 findings or failed gates, 2 usage error or unreadable input.',
    '',
  ].join('\n');
}

/** Runs the CLI on this process's arguments and sets the exit code. */
export function runFromProcess(): void {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`release-gates: internal error: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runFromProcess();
