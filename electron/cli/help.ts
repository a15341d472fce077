import type { Command, OptionSpec } from './command';
import { connectionOptions } from './connection';

export const globalOptions: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print one machine-readable JSON object' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};

const usageLine = (command: Command): string => ['oss-live', ...command.path, ...command.args.map((a) => (a.endsWith('?') ? `[${a.slice(0, -1)}]` : a)), '[options]'].join(' ');

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, spec]) => [`${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`, spec.description] as const);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`);
}

export function commandHelp(command: Command): string {
  const sections = [`Usage: ${usageLine(command)}`, '', command.summary];
  if (command.details) sections.push('', command.details);
  if (Object.keys(command.options).length > 0) sections.push('', 'Options:', ...optionLines(command.options));
  if (command.connects) sections.push('', 'Connection (flags win over environment):', ...optionLines(connectionOptions), credentialsHelp);
  sections.push('', 'Global:', ...optionLines(globalOptions));
  return sections.join('\n');
}

const credentialsHelp =
  "  Precedence: these flags and environment variables > --profile > the profile in use ('oss-live profile use')\n" +
  "  > Local (the emulator started with 'oss-live local' in another terminal). Credentials come only from the\n" +
  '  environment (OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and, for STS, OSS_SESSION_TOKEN; the OSS_TEST_* names\n' +
  "  work too) or from a profile's entries in the OS keychain, never from flags.";

/** Help for a group (`oss-live channel --help`) or the whole tool when `prefix` is empty. */
export function overviewHelp(commands: Command[], prefix: string[] = []): string {
  const shown = commands.filter((c) => prefix.every((part, i) => c.path[i] === part));
  const rows = shown.map((c) => [usageLine(c).replace(/^oss-live /, '').replace(/ \[options\]$/, ''), c.summary] as const);
  const width = Math.max(...rows.map(([usage]) => usage.length));
  return [
    `Usage: oss-live ${prefix.length ? `${prefix.join(' ')} ` : ''}COMMAND [options]`,
    '',
    prefix.length ? `Commands:` : 'Manage Alibaba Cloud OSS LiveChannels from a terminal.\n\nCommands:',
    ...rows.map(([usage, summary]) => `  ${usage.padEnd(width)}  ${summary}`),
    '',
    "Run 'oss-live COMMAND --help' for a command's options. Exit codes: 0 ok, 1 service error, 2 usage or validation error.",
  ].join('\n');
}
