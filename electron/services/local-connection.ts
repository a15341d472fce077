/**
 * Finds the running local emulator for the built-in Local profile. `oss-live local` writes its ready JSON to
 * `<user data>/local.json` (and removes it on a clean shutdown); that file is the whole agreement, so this reads it,
 * checks it, and checks that the process that wrote it still runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { RunningEmulator } from '../../emulator';
import type { LocalConnection } from '../keychain';
import { errorCode } from '../util/error-code';

export const LOCAL_FILE_NAME = 'local.json';

/** Nothing to connect to: no flags, no profile, and no local emulator running. */
export class NoOssConfiguredError extends Error {
  override readonly name = 'NoOssConfiguredError';
  constructor(detail?: string) {
    super(
      'no OSS configured: run `oss-live local` in another terminal or add a profile (`oss-live profile add`)' +
        (detail ? ` (${detail})` : ''),
    );
  }
}

/** The Local profile's connection from `<dataDir>/local.json`; {@link NoOssConfiguredError} when there is none. */
export async function readLocalConnection(dataDir: string): Promise<LocalConnection> {
  const file = path.join(dataDir, LOCAL_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new NoOssConfiguredError();
    throw error;
  }
  const ready = parseReady(text, file);
  if (ready.pid !== undefined && !isRunning(ready.pid)) {
    throw new NoOssConfiguredError(`${file} names process ${ready.pid}, which is not running: the emulator was not shut down cleanly`);
  }
  return localConnectionOf(ready);
}

/** The Local profile's connection to an emulator, from what it announces about itself. */
export function localConnectionOf(emulator: Omit<LocalReady, 'data'>): LocalConnection {
  return {
    endpoint: emulator.endpoint,
    region: emulator.region,
    bucket: emulator.bucket,
    credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    rtmpBase: emulator.rtmp,
  };
}

/** The ready line of `oss-live local --json`: a public contract (extend, never rename). */
export type LocalReady = Pick<RunningEmulator, 'endpoint' | 'rtmp' | 'bucket' | 'region' | 'accessKeyId' | 'accessKeySecret' | 'data'>;

/** What `local.json` holds: the ready line plus the process that wrote it. */
type ReadyFile = Omit<LocalReady, 'data'> & { pid?: number };

function parseReady(text: string, file: string): ReadyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file}: is not valid JSON; stop and restart \`oss-live local\``);
  }
  if (typeof json !== 'object' || json === null) throw new Error(`${file}: must hold a JSON object`);
  const record = json as Record<string, unknown>;
  const stringField = (field: keyof ReadyFile): string => {
    const value = record[field];
    if (typeof value !== 'string' || value === '') throw new Error(`${file}: ${field}: must be a non-empty string`);
    return value;
  };
  const pid = record.pid;
  return {
    endpoint: stringField('endpoint'),
    rtmp: stringField('rtmp'),
    bucket: stringField('bucket'),
    region: stringField('region'),
    accessKeyId: stringField('accessKeyId'),
    accessKeySecret: stringField('accessKeySecret'),
    ...(typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? { pid } : {}),
  };
}

/** Signal 0 checks for existence; EPERM means it exists but belongs to someone else. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}
