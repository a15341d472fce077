import path from 'node:path';

import type { Profile, SignatureVersion } from '../../../shared/profile';
import { LOCAL_PROFILE_NAME, isLocalProfileName } from '../../../shared/profile';
import { userDataDir } from '../../app-paths';
import { DEFAULT_OBS_WEBSOCKET_URL, PROFILE_FILE_NAME, localProfile } from '../../keychain';
import { readProfileFile } from '../../keychain/profile-file';
import { regionFromHostname, parseEndpoint } from '../../oss';
import { NoOssConfiguredError, openProfileStore, readLocalConnection } from '../../services';
import type { Command, OptionValues } from '../command';
import { UsageError } from '../command';
import { table } from '../format';
import { booleanOption, choiceOption, stringOption } from '../options';
import { readSecrets } from '../secret-input';

const add: Command = {
  path: ['profile', 'add'],
  args: ['NAME'],
  summary: 'add a profile: an OSS bucket and its credentials (secrets go to the OS keychain)',
  details:
    'The AccessKey secret, an optional STS token and an optional OBS websocket password are never flags. Piped\n' +
    'stdin gives them as lines, in that order (an empty line skips one):\n' +
    "  printf '%s\\n%s\\n%s\\n' \"$SECRET\" \"$STS_TOKEN\" \"$OBS_PASSWORD\" | oss-live profile add NAME ...\n" +
    'On a terminal they are asked for, without echo. They are stored in the system keychain (the Secret Service on\n' +
    'Linux) and never printed; without a usable keychain the command fails rather than store them in plain text.',
  options: {
    endpoint: { type: 'string', value: 'URL', description: 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com (required)' },
    bucket: { type: 'string', value: 'B', description: 'bucket (required)' },
    'access-key-id': { type: 'string', value: 'ID', description: 'AccessKey id (required; the secret is read from stdin)' },
    region: { type: 'string', value: 'R', description: 'region id, e.g. cn-hangzhou (default: from the endpoint)' },
    signature: { type: 'string', value: 'v1|v4', description: 'request signature version (default v4)' },
    obs: { type: 'string', value: 'URL', description: `obs-websocket address (default ${DEFAULT_OBS_WEBSOCKET_URL})` },
    'rtmp-base': { type: 'string', value: 'URL', description: 'RTMP publish base if not rtmp://BUCKET.HOST/live' },
    overwrite: { type: 'boolean', description: 'replace a profile of the same name' },
  },
  connects: false,
  async run({ args: [name = ''], values, env, stdin, stderr }) {
    const profile = profileFromFlags(name, values);
    const secrets = await readSecrets(stdin, stderr);
    const stored = await openProfileStore(userDataDir(env)).add(profile, secrets, { overwrite: booleanOption(values, 'overwrite') });
    const kept = Object.entries(secrets).filter(([, value]) => value !== undefined).map(([kind]) => kind);
    return {
      data: { profile: stored, secretsStored: kept },
      text: `Added profile ${stored.name} (${stored.bucket} at ${stored.endpoint}); ${kept.join(', ')} stored in the system keychain.`,
    };
  },
};

function required(values: OptionValues, flag: string): string {
  const value = stringOption(values, flag);
  if (value === undefined || value === '') throw new UsageError(`--${flag}`, 'is required');
  return value;
}

function profileFromFlags(name: string, values: OptionValues): Profile {
  const endpoint = required(values, 'endpoint');
  const region = stringOption(values, 'region') ?? regionFromHostname(parseEndpoint(endpoint).hostname);
  if (!region) throw new UsageError('--region', `is required: it cannot be derived from the endpoint '${endpoint}'`);
  const signatureVersion: SignatureVersion = choiceOption(values, 'signature', ['v1', 'v4'] as const) ?? 'v4';
  const rtmpBase = stringOption(values, 'rtmp-base');
  return {
    name,
    endpoint,
    region,
    bucket: required(values, 'bucket'),
    accessKeyId: required(values, 'access-key-id'),
    signatureVersion,
    obsWebSocketUrl: stringOption(values, 'obs') ?? DEFAULT_OBS_WEBSOCKET_URL,
    ...(rtmpBase === undefined ? {} : { rtmpBase }),
  };
}

const list: Command = {
  path: ['profile', 'list'],
  args: [],
  summary: 'list profiles (no secrets); * marks the one in use',
  options: {},
  connects: false,
  async run({ env }) {
    const dataDir = userDataDir(env);
    // Read the file directly rather than through the store: listing must work while no emulator runs.
    const file = await readProfileFile(path.join(dataDir, PROFILE_FILE_NAME));
    const local = await readLocalConnection(dataDir).then(localProfile, (error: unknown) => {
      if (error instanceof NoOssConfiguredError) return undefined;
      throw error;
    });
    const current = file.currentProfile ?? LOCAL_PROFILE_NAME;
    const rows = [
      [LOCAL_PROFILE_NAME, local ? local.endpoint : "(not running: start 'oss-live local')", local?.bucket ?? '', local?.region ?? '', local?.accessKeyId ?? '', local?.obsWebSocketUrl ?? DEFAULT_OBS_WEBSOCKET_URL],
      ...file.profiles.map((p) => [p.name, p.endpoint, p.bucket, p.region, p.accessKeyId, p.obsWebSocketUrl]),
    ].map(([profileName = '', ...rest]) => [`${profileName === current ? '*' : ' '} ${profileName}`, ...rest]);
    return {
      data: { current, local: local ? { ...local, running: true } : { name: LOCAL_PROFILE_NAME, running: false }, profiles: file.profiles },
      text: table(['  NAME', 'ENDPOINT', 'BUCKET', 'REGION', 'ACCESS KEY ID', 'OBS'], rows),
    };
  },
};

const remove: Command = {
  path: ['profile', 'remove'],
  args: ['NAME'],
  summary: 'remove a profile and its keychain entries',
  options: {},
  connects: false,
  async run({ args: [name = ''], env }) {
    await openProfileStore(userDataDir(env)).remove(name);
    return { data: { name, removed: true }, text: `Removed profile ${name} and its secrets from the system keychain.` };
  },
};

const use: Command = {
  path: ['profile', 'use'],
  args: ['NAME'],
  summary: 'choose the profile commands use when no --profile or OSS_* settings are given',
  options: {},
  connects: false,
  async run({ args: [name = ''], env }) {
    const store = openProfileStore(userDataDir(env));
    if (isLocalProfileName(name)) {
      // Choosing Local works while the emulator is stopped; it is looked up when a command connects.
      const running = await store.use(name).then(() => true, (error: unknown) => {
        if (error instanceof NoOssConfiguredError) return false;
        throw error;
      });
      const note = running ? '' : " (the emulator is not running now: start it with 'oss-live local')";
      return { data: { current: LOCAL_PROFILE_NAME }, text: `Now using profile ${LOCAL_PROFILE_NAME}${note}.` };
    }
    const profile = await store.use(name);
    return { data: { current: profile.name }, text: `Now using profile ${profile.name}.` };
  },
};

export const profileCommands: Command[] = [add, list, use, remove];
