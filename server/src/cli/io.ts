/** The CLI's view of the outside world, injectable so commands can be tested without a process. */

/** Streams and working directory of one CLI invocation. */
export interface CliIO {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (colours and progress lines). */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** One sub-command of `release-gates`. */
export interface CommandModule {
  name: string;
  summary: string;
  usage: string;
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
}

/**
 * Splits arguments into positionals and flags. Flags in `valued` take a value; the others are
 * booleans. Unknown flags are reported rather than guessed.
 */
export function parseArgs(args: string[], valued: readonly string[], booleans: readonly string[]): ParsedArgs | { error: string } {
  const out: ParsedArgs = { positional: [], flags: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      out.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (booleans.includes(name)) {
      out.flags.set(name, ['true']);
    } else if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) return { error: `--${name} needs a value` };
      out.flags.set(name, [...(out.flags.get(name) ?? []), value]);
    } else {
      return { error: `unknown option --${name}` };
    }
  }
  return out;
}
