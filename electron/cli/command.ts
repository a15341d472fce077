/**
 * The shape of an `oss-live` command. Commands are plain data plus a `run` function, so `main.ts` can parse
 * arguments, print help and map errors to exit codes in one place.
 */

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help after the flag, e.g. `SECONDS`. */
  value?: string;
  short?: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  /** Positional arguments after the command path, checked against `args`. */
  args: string[];
  values: OptionValues;
  env: NodeJS.ProcessEnv;
  json: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** Aborted on SIGINT/SIGTERM so long-running commands can shut down cleanly. */
  signal: AbortSignal;
}

/** What a finished command prints: `data` with `--json` (one object), `text` otherwise. */
export interface CommandOutput {
  data: unknown;
  text: string;
  /** Human-only details printed to stderr after `text`, so stdout stays exactly what scripts capture. */
  notes?: string;
}

export interface Command {
  /** e.g. `['channel', 'create']`. */
  path: string[];
  /** Positional argument names in order; a trailing `?` marks an optional one. */
  args: string[];
  summary: string;
  /** Longer help text shown under the usage line. */
  details?: string;
  options: Record<string, OptionSpec>;
  /** Whether the command talks to OSS and so accepts the connection flags. */
  connects: boolean;
  /** Returns what to print, or nothing when the command streams its own output (monitor, local). */
  run(context: CommandContext): Promise<CommandOutput | undefined>;
}

/** A mistake in how the command was called: exit code 2, names the field at fault. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}
