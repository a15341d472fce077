import type { ValidationError } from '../../shared/validation';
import type { Command } from './command';
import { connectionOptions } from './connection';

/**
 * What the user typed for each client field, so a validation error from the OSS client names `--frag-count` or
 * `NAME` rather than `fragCount` or `channel`. Candidates in order: the first one the command has wins (`vod create`
 * takes the playlist as a positional, `channel create` as a flag); a field the command has no input for keeps its name.
 */
const TYPED_AS: Readonly<Record<string, readonly string[]>> = {
  channel: ['NAME', 'CHANNEL'],
  name: ['NAME'],
  description: ['--description'],
  status: ['--status'],
  playlistName: ['PLAYLIST.m3u8', '--playlist'],
  fragCount: ['--frag-count'],
  fragDuration: ['--frag-duration'],
  startTime: ['--start'],
  endTime: ['--end'],
  expiresAt: ['--expires-at'],
  expiresInSeconds: ['--expires'],
  maxKeys: ['--max-keys'],
  endpoint: ['--endpoint'],
  bucket: ['--bucket'],
  region: ['--region'],
  rtmpBase: ['--rtmp-base'],
  signatureVersion: ['--signature'],
  accessKeyId: ['--access-key-id'],
  obsWebSocketUrl: ['--obs'],
};

function commandHas(command: Command, typed: string): boolean {
  if (!typed.startsWith('--')) return command.args.some((arg) => arg.replace(/\?$/, '') === typed);
  const flag = typed.slice(2);
  return flag in command.options || (command.connects && flag in connectionOptions);
}

function typedAs(command: Command, field: string): string | undefined {
  return TYPED_AS[field]?.find((typed) => commandHas(command, typed));
}

/**
 * The error's field and rule in the command's own terms. Field names quoted inside the rule ("must be later than
 * startTime") are rewritten too; only camelCase ones, so plain words such as "name" in a sentence stay as they are.
 */
export function validationErrorAsTyped(command: Command, error: ValidationError): { field: string; rule: string } {
  const rule = error.rule.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (word) => typedAs(command, word) ?? word);
  return { field: typedAs(command, error.field) ?? error.field, rule };
}
