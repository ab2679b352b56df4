/**
 * The CLI's view of the outside world, injectable so commands can be tested without a process,
 * and the one way a command declares and reads its options (Node's `util.parseArgs`, strict).
 */
import { parseArgs as parseNodeArgs } from 'node:util';
import { closest } from '../schema/suggest';

/** Streams and working directory of one CLI invocation. */
export interface CliIO {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (colours and progress lines). */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** One option of a command, as its help shows it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** The option may be given more than once (all values are kept, in order). */
  multiple?: boolean;
  /** One-letter alias, without the dash. */
  short?: string;
  /** Name of the value in the help, e.g. `<dir>`. */
  value?: string;
  /** One sentence: what the option does, and its default. */
  help: string;
}

/** A command's options by long name (without `--`); `--help`/`-h` is added to every table. */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** One sub-command of `release-gates`. */
export interface CommandModule {
  name: string;
  summary: string;
  usage: string;
  /** The options `--help` lists; commands without a table get a help of their usage alone. */
  options?: OptionTable;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** The CLI's process-backed IO. */
export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  };
}

/** Parsed `--flag value` / `--flag=value` / positional arguments. */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
  /** `--help` or `-h` was given. */
  help: boolean;
}

/** The help option every command has. */
const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'Show this help and exit.' };

/** Node's error codes for arguments that do not fit the table. */
type ParseErrorCode = 'ERR_PARSE_ARGS_UNKNOWN_OPTION' | 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' | 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';

/** Node's message for an argument problem, in the CLI's words (with a guess for a misspelt option). */
function parseProblem(err: Error & { code?: string }, table: OptionTable): string {
  const quoted = /'(-{1,2}[^' ]*)/.exec(err.message)?.[1] ?? '';
  switch (err.code as ParseErrorCode | undefined) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const guess = quoted.startsWith('--') ? closest(quoted.slice(2), Object.keys(table)) : undefined;
      return `unknown option ${quoted}${guess ? `; did you mean --${guess}?` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const spec = table[quoted.replace(/^-+/, '')];
      if (spec?.type === 'boolean') return `${quoted} takes no value`;
      const dash = /ambiguous/.test(err.message) ? `; write a value that starts with "-" as ${quoted}=<value>` : '';
      return `${quoted} needs a value${spec?.value ? ` ${spec.value}` : ''}${dash}`;
    }
    default:
      return err.message;
  }
}

/**
 * `--alpha -0.5` as `--alpha=-0.5`: Node refuses a value that starts with a dash as ambiguous, but a
 * negative number is never an option, so the command can say what is wrong with the number itself.
 */
function withNegativeValues(args: readonly string[], table: OptionTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (arg === '--') return [...out, ...args.slice(i)];
    if (arg.startsWith('--') && table[arg.slice(2)]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/**
 * Splits arguments by a command's option table: strict (an unknown option or a missing value is an
 * error, never guessed), positionals allowed anywhere, `--` ends the options.
 */
export function parseOptions(args: readonly string[], table: OptionTable): ParsedArgs | { error: string } {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(table)) {
    options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
  }
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: withNegativeValues(args, table), options, strict: true, allowPositionals: true });
  } catch (err) {
    return { error: parseProblem(err as Error & { code?: string }, table) };
  }
  const flags = new Map<string, string[]>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (name === 'help' || value === undefined || value === false) continue;
    const values = Array.isArray(value) ? value : [value];
    flags.set(name, values.map((v) => (v === true ? 'true' : String(v))));
  }
  return { positional: parsed.positionals, flags, help: parsed.values['help'] === true };
}

/** The help of a command: summary, usage, its options (each with its value and what it does). */
export function commandHelp(command: CommandModule): string {
  const rows = Object.entries({ ...(command.options ?? {}), help: HELP }).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : ''}`;
    return { flag, help: `${spec.help}${spec.multiple ? ' Repeatable.' : ''}` };
  });
  const width = Math.max(...rows.map((r) => r.flag.length)) + 2;
  return [
    `release-gates ${command.name}: ${command.summary}`,
    '',
    `Usage: ${command.usage}`,
    '',
    'Options:',
    ...rows.map((r) => `  ${r.flag.padEnd(width)}${r.help}`),
    '',
  ].join('\n');
}

/** Prints a usage error of a command and returns the usage exit code. */
export function usageError(io: CliIO, command: Pick<CommandModule, 'name' | 'usage'>, message: string): number {
  io.err(`release-gates ${command.name}: ${message}\nusage: ${command.usage}\nRun "release-gates ${command.name} --help" for every option.\n`);
  return EXIT.usage;
}

/** A command whose arguments are read through its option table before it runs. */
export interface CommandDefinition {
  name: string;
  summary: string;
  usage: string;
  options: OptionTable;
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Builds a command: `--help`/`-h` prints its help, arguments outside its table are a usage error. */
export function defineCommand(def: CommandDefinition): CommandModule {
  const command: CommandModule = {
    name: def.name,
    summary: def.summary,
    usage: def.usage,
    options: def.options,
    run: async (args, io) => {
      const parsed = parseOptions(args, def.options);
      if ('error' in parsed) return usageError(io, def, parsed.error);
      if (parsed.help) {
        io.out(commandHelp(command));
        return EXIT.ok;
      }
      return def.run(parsed, io);
    },
  };
  return command;
}
