import type { Credentials } from '../oss';
import type { ConnectionRequest } from '../services';
import type { OptionSpec, OptionValues } from './command';
import { UsageError } from './command';
import { choiceOption, stringOption } from './options';

/** Flags every command that talks to OSS accepts. */
export const connectionOptions: Record<string, OptionSpec> = {
  endpoint: { type: 'string', value: 'URL', description: 'OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com (env OSS_ENDPOINT)' },
  bucket: { type: 'string', value: 'NAME', description: 'bucket (env OSS_BUCKET)' },
  region: { type: 'string', value: 'ID', description: 'region id, e.g. cn-hangzhou; derived from the endpoint when omitted (env OSS_REGION)' },
  signature: { type: 'string', value: 'v1|v4', description: "request signature version (default: the profile's, else v4)" },
  'rtmp-base': { type: 'string', value: 'URL', description: 'RTMP publish base if not the default rtmp://BUCKET.HOST/live (env OSS_RTMP_BASE)' },
  profile: { type: 'string', value: 'NAME', description: "use this profile (default: the one chosen with 'profile use', else Local)" },
};

/** Environment variable with the obs-websocket password (never a flag: flags land in shell history and `ps`). */
export const OBS_PASSWORD_ENV = 'OBS_WEBSOCKET_PASSWORD';

/** First non-empty value among the flag and the environment variables, in that order. */
function pick(values: OptionValues, flag: string, env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  const fromFlag = stringOption(values, flag);
  if (fromFlag) return fromFlag;
  for (const name of names) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}

/**
 * Credentials from the environment: OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN, or the seed guide's
 * OSS_TEST_* names. Secrets are never taken from flags (they would land in shell history and `ps`).
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const accessKeyId = env.OSS_ACCESS_KEY_ID || env.OSS_TEST_ACCESS_KEY_ID;
  const accessKeySecret = env.OSS_ACCESS_KEY_SECRET || env.OSS_TEST_ACCESS_KEY_SECRET;
  if (!accessKeyId && !accessKeySecret) return undefined;
  if (!accessKeyId) throw new UsageError('OSS_ACCESS_KEY_ID', 'is required when OSS_ACCESS_KEY_SECRET is set');
  if (!accessKeySecret) throw new UsageError('OSS_ACCESS_KEY_SECRET', 'is required when OSS_ACCESS_KEY_ID is set');
  const securityToken = env.OSS_SESSION_TOKEN || env.OSS_SECURITY_TOKEN || undefined;
  return securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
}

/**
 * What flags and environment say about the connection, for `resolveConnection`: explicit OSS fields (each wins over
 * the profile's), the named profile, and the OBS address (`--obs`, when the command has it) and password.
 */
export function connectionRequestFromFlags(values: OptionValues, env: NodeJS.ProcessEnv): ConnectionRequest {
  const endpoint = pick(values, 'endpoint', env, 'OSS_ENDPOINT', 'OSS_TEST_ENDPOINT');
  const bucket = pick(values, 'bucket', env, 'OSS_BUCKET', 'OSS_TEST_BUCKET');
  const profile = stringOption(values, 'profile');
  if (endpoint && !bucket && profile === undefined) throw new UsageError('--bucket', 'is required (or set OSS_BUCKET)');
  const region = pick(values, 'region', env, 'OSS_REGION', 'OSS_TEST_REGION');
  const rtmpBase = pick(values, 'rtmp-base', env, 'OSS_RTMP_BASE');
  const signatureVersion = choiceOption(values, 'signature', ['v1', 'v4'] as const);
  const credentials = credentialsFromEnv(env);
  const obsUrl = stringOption(values, 'obs');
  const obsPassword = env[OBS_PASSWORD_ENV] || undefined;
  return {
    explicit: {
      ...(endpoint ? { endpoint } : {}),
      ...(bucket ? { bucket } : {}),
      ...(region ? { region } : {}),
      ...(rtmpBase ? { rtmpBase } : {}),
      ...(signatureVersion ? { signatureVersion } : {}),
      ...(credentials ? { credentials } : {}),
    },
    ...(profile === undefined ? {} : { profile }),
    ...(obsUrl === undefined ? {} : { obsUrl }),
    ...(obsPassword === undefined ? {} : { obsPassword }),
  };
}
