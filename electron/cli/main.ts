import { parseArgs } from 'node:util';

import { ValidationError } from '../../shared/validation';
import { GoLiveError } from '../golive';
import { OssError } from '../oss';
import { ChannelExistsError } from '../services/create-channel';
import { errorCode } from '../util/error-code';
import type { Command, CommandContext } from './command';
import { UsageError } from './command';
import { commands } from './commands';
import { connectionOptions } from './connection';
import { validationErrorAsTyped } from './field-names';
import { commandHelp, globalOptions, overviewHelp } from './help';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

export const EXIT_OK = 0;
export const EXIT_SERVICE_ERROR = 1;
export const EXIT_USAGE = 2;

/** The command whose path is the longest prefix of the leading words of argv. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: Command | undefined;
  for (const command of commands) {
    const matches = command.path.every((part, i) => argv[i] === part);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  return best && { command: best, rest: argv.slice(best.path.length) };
}

function parseCommandArgs(command: Command, rest: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = { ...command.options, ...(command.connects ? connectionOptions : {}), ...globalOptions };
  const config = Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
  );
  try {
    const { values, positionals } = parseArgs({ args: rest, options: config, allowPositionals: true, strict: true });
    return { values: { ...values } as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? 'arguments';
    throw new UsageError(flag, `${message.replace(/\. To specify a positional.*$/, '')} (see 'oss-live ${command.path.join(' ')} --help')`);
  }
}

function checkPositionals(command: Command, positionals: string[]): void {
  const required = command.args.filter((a) => !a.endsWith('?'));
  if (positionals.length < required.length) {
    throw new UsageError(required[positionals.length] ?? 'argument', 'is required');
  }
  if (positionals.length > command.args.length) {
    throw new UsageError('arguments', `unexpected '${positionals[command.args.length] ?? ''}'`);
  }
}

function errorReport(command: Command, error: unknown): { code: number; text: string; data: Record<string, unknown> } {
  if (error instanceof UsageError || error instanceof ValidationError) {
    const { field, rule } = error instanceof ValidationError ? validationErrorAsTyped(command, error) : error;
    return { code: EXIT_USAGE, text: `Error: ${field}: ${rule}`, data: { type: 'usage', field, message: rule } };
  }
  // Our own refusal, not an OSS answer: no status or request id, and a type scripts can tell from 'service'.
  if (error instanceof ChannelExistsError) {
    return { code: EXIT_SERVICE_ERROR, text: `Error: ${error.code}: ${error.message}`, data: { type: 'conflict', code: error.code, message: error.message } };
  }
  if (error instanceof GoLiveError) {
    return { code: EXIT_SERVICE_ERROR, text: `Error: ${error.message}`, data: { type: 'golive', step: error.step, message: error.message } };
  }
  if (error instanceof OssError) {
    const details = [`status ${error.status}`, error.requestId && `request id ${error.requestId}`, error.ec && `EC ${error.ec}`].filter(Boolean).join(', ');
    return {
      code: EXIT_SERVICE_ERROR,
      text: `Error: ${error.code}: ${error.message} (${details})`,
      data: { type: 'service', status: error.status, code: error.code, message: error.message, requestId: error.requestId, ec: error.ec },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error) ?? 'Error';
  return { code: EXIT_SERVICE_ERROR, text: `Error: ${message}`, data: { type: 'error', code, message } };
}

/** Runs one `oss-live` invocation and returns its exit code; never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const print = (stream: NodeJS.WritableStream, text: string): void => {
    stream.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  const found = findCommand(argv);
  if (!found) {
    const group = argv[0] && commands.some((c) => c.path[0] === argv[0]) ? [argv[0]] : [];
    const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help';
    if (wantsHelp && (group.length > 0 || argv.length === 0 || argv[0] === 'help' || argv[0]?.startsWith('-'))) {
      print(argv.length === 0 ? io.stderr : io.stdout, overviewHelp(commands, group));
      return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
    }
    const attempted = argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ');
    const report = { code: EXIT_USAGE, text: `Error: command: unknown command '${attempted}'. Run 'oss-live --help'.` };
    if (json) print(io.stdout, JSON.stringify({ error: { type: 'usage', field: 'command', message: `unknown command '${attempted}'` } }));
    else print(io.stderr, report.text);
    return report.code;
  }
  const { command, rest } = found;
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help === true) {
      print(io.stdout, commandHelp(command));
      return EXIT_OK;
    }
    checkPositionals(command, positionals);
    const context: CommandContext = { ...io, args: positionals, values, json: values.json === true };
    const output = await command.run(context);
    if (output) print(io.stdout, context.json ? JSON.stringify(output.data) : output.text);
    if (output?.notes && !context.json) print(io.stderr, output.notes);
    return EXIT_OK;
  } catch (error) {
    const report = errorReport(command, error);
    // A failed go-live or stop also reports every step: what was done, what failed, what was put back.
    const steps = error instanceof GoLiveError ? { steps: error.steps } : {};
    if (json) print(io.stdout, JSON.stringify({ error: report.data, ...steps }));
    else print(io.stderr, report.text);
    return report.code;
  }
}
