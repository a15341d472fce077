import { userDataDir } from '../app-paths';
import { ProfileNotFoundError } from '../keychain';
import { OssLiveClient } from '../oss';
import type { BroadcastServices, ResolvedConnection } from '../services';
import { NoOssConfiguredError, openBroadcastServices, openProfileStore, resolveConnection } from '../services';
import type { OptionValues } from './command';
import { UsageError } from './command';
import { connectionRequestFromFlags } from './connection';

/**
 * The connection a command should use: flags and environment, else `--profile`, else the profile in use, else the
 * built-in Local profile (the emulator `oss-live local` announced). Profiles live in the user data directory of
 * `env` (OSS_LIVE_DATA_DIR), their secrets in the OS keychain. `drivesObs`: the command talks to OBS too.
 */
export async function connectionFor(values: OptionValues, env: NodeJS.ProcessEnv, { drivesObs = false } = {}): Promise<ResolvedConnection> {
  const request = { ...connectionRequestFromFlags(values, env), drivesObs };
  try {
    return await resolveConnection(request, () => openProfileStore(userDataDir(env)));
  } catch (error) {
    if (error instanceof ProfileNotFoundError) throw new UsageError('--profile', `${error.message}; see 'oss-live profile list'`);
    // Nothing configured at all: the fix is a flag, a profile or a running emulator, so it is a usage error.
    if (error instanceof NoOssConfiguredError) throw new UsageError('--endpoint', `is required: ${error.message}`);
    throw error;
  }
}

/** The OSS client a command should use (see {@link connectionFor}). */
export async function clientFor(values: OptionValues, env: NodeJS.ProcessEnv): Promise<OssLiveClient> {
  return new OssLiveClient((await connectionFor(values, env)).oss);
}

/** OSS client, OBS controller, saved OBS settings and history for go-live and stop; close() it when done. */
export async function broadcastServicesFor(values: OptionValues, env: NodeJS.ProcessEnv): Promise<BroadcastServices> {
  return openBroadcastServices(await connectionFor(values, env, { drivesObs: true }), { dataDir: userDataDir(env) });
}
