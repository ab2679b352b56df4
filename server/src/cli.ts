/**
 * `release-gates`: the command-line face of the engine. `lsp --stdio` starts the language server
 * (what Neovim, Helix, Emacs and other LSP clients launch); every other command is in the table.
 */
import { allCommands, findCommand } from './cli/commands';
import { EXIT, processIO, type CliIO } from './cli/io';
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
  if (name === 'lsp') {
    // The server module starts listening when loaded; it reads --stdio from process.argv and
    // keeps the process alive until the client disconnects.
    require('./server');
    return new Promise<number>(() => undefined);
  }
  const command = findCommand(name);
  if (!command) {
    io.err(`release-gates: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  return command.run(rest, io);
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
