/**
 * Where the app keeps its files, computed in plain Node so the CLI, the tests and the Electron shell agree on one
 * directory without importing 'electron'.
 */
import os from 'node:os';
import path from 'node:path';

/** The product name; Electron derives `userData` from it, so it must stay in step with the build's productName. */
export const APP_NAME = 'OSS Live Companion';

/** Environment variable that overrides the user data directory (tests, portable installs, several instances). */
export const DATA_DIR_ENV = 'OSS_LIVE_DATA_DIR';

/**
 * The directory Electron's `app.getPath('userData')` returns for an app named {@link APP_NAME}:
 * `$XDG_CONFIG_HOME` or `~/.config` on Linux, `~/Library/Application Support` on macOS, `%APPDATA%` on Windows,
 * each followed by the app name. `OSS_LIVE_DATA_DIR`, when set and non-empty, wins.
 *
 * The parameters default to the running process; tests pass others to check every platform on one machine.
 */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  // Windows paths must be joined with win32 rules even when the tests run on Linux.
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const override = env[DATA_DIR_ENV];
  if (override) return paths.resolve(override);
  return paths.join(appDataDir(env, platform, home, paths), APP_NAME);
}

/** Electron's `appData`: the per-user folder that holds every app's `userData`. */
function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string, paths: path.PlatformPath): string {
  switch (platform) {
    case 'darwin':
      return paths.join(home, 'Library', 'Application Support');
    case 'win32':
      return env.APPDATA || paths.join(home, 'AppData', 'Roaming');
    default:
      return env.XDG_CONFIG_HOME || paths.join(home, '.config');
  }
}
