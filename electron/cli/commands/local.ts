import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import { startEmulator, type BucketAcl, type RunningEmulator } from '../../../emulator';
import { userDataDir } from '../../app-paths';
import { writeFileAtomic } from '../../fs/atomic-write';
import type { LocalReady } from '../../services/local-connection';
import { LOCAL_FILE_NAME } from '../../services/local-connection';
import { aborted } from '../aborted';
import type { Command } from '../command';
import { UsageError } from '../command';
import { fields } from '../format';
import { choiceOption, integerOption, stringOption } from '../options';

/** The lead's defaults: the ports OSS tools and OBS users expect, one bucket and region named `local`. */
export const LOCAL_DEFAULTS = { httpPort: 9000, rtmpPort: 1935, bucket: 'local', region: 'local', acl: 'private' } as const;

const ACLS: readonly BucketAcl[] = ['private', 'public-read', 'public-read-write'];

/** Emulator events worth a line on stderr while it runs (no secrets are ever in them). */
const SHOWN_EVENTS = new Set(['ingest.publish-accepted', 'ingest.publish-refused', 'state.session-ended', 'state.session-recovered', 'state.kick']);

export const localCommand: Command = {
  path: ['local'],
  args: [],
  summary: 'run the local OSS LiveChannel emulator (HTTP API + RTMP ingest) until Ctrl-C',
  details:
    'Serves the OSS LiveChannel and object API on 127.0.0.1 and takes RTMP publishes (OBS, ffmpeg) into HLS\n' +
    'segments and playlists under --data. Credentials come from OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET when set,\n' +
    'else are generated once and kept in the data dir. With --json prints exactly one line when ready:\n' +
    '{endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data}; rtmp + "/" + CHANNEL + "?" + signed\n' +
    "query publishes. While it runs, other oss-live commands and the app's Local profile find it through\n" +
    `<user data>/${LOCAL_FILE_NAME}. Port 0 picks a free port. SIGINT/SIGTERM shut it down cleanly (publishers\n` +
    'closed, history written), exit 0.',
  options: {
    data: { type: 'string', value: 'DIR', description: 'where buckets, channels and credentials live (default <user data>/emulator)' },
    'http-port': { type: 'string', value: 'N', description: `HTTP API port (default ${LOCAL_DEFAULTS.httpPort})` },
    'rtmp-port': { type: 'string', value: 'N', description: `RTMP ingest port (default ${LOCAL_DEFAULTS.rtmpPort})` },
    bucket: { type: 'string', value: 'NAME', description: `the bucket (default ${LOCAL_DEFAULTS.bucket})` },
    region: { type: 'string', value: 'ID', description: `region V4 signatures must name (default ${LOCAL_DEFAULTS.region})` },
    acl: { type: 'string', value: 'ACL', description: 'private | public-read | public-read-write (default private)' },
  },
  connects: false,
  async run({ values, env, json, stdout, stderr, signal }) {
    const httpPort = integerOption(values, 'http-port', 0, 65535) ?? LOCAL_DEFAULTS.httpPort;
    const rtmpPort = integerOption(values, 'rtmp-port', 0, 65535) ?? LOCAL_DEFAULTS.rtmpPort;
    const region = stringOption(values, 'region') ?? LOCAL_DEFAULTS.region;
    if (!/^[a-z0-9-]+$/.test(region)) throw new UsageError('--region', `expected lower-case letters, digits and '-', got '${region}'`);
    const acl = choiceOption(values, 'acl', ACLS) ?? LOCAL_DEFAULTS.acl;
    const appDir = userDataDir(env);
    const data = path.resolve(stringOption(values, 'data') ?? path.join(appDir, 'emulator'));
    const credentials = credentialsFromEnv(env);
    const emulator = await startEmulator({
      dataDir: data,
      httpPort,
      rtmpPort,
      bucket: stringOption(values, 'bucket') ?? LOCAL_DEFAULTS.bucket,
      region,
      acl,
      ...(credentials ? { credentials } : {}),
      log: (event, details) => {
        if (SHOWN_EVENTS.has(event)) stderr.write(`${event} ${JSON.stringify(details)}\n`);
      },
    });
    const readyFile = path.join(appDir, LOCAL_FILE_NAME);
    try {
      const ready = readyOf(emulator);
      await mkdir(appDir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(readyFile, `${JSON.stringify({ ...ready, pid: process.pid })}\n`, 0o600);
      stdout.write(json ? `${JSON.stringify(ready)}\n` : `${readyText(ready, credentials !== undefined)}\n`);
      await aborted(signal);
    } finally {
      await emulator.stop();
      await removeIfOurs(readyFile);
    }
    if (!json) stdout.write('Stopped: publishers closed, history written.\n');
    return undefined;
  },
};

/** OSS_ACCESS_KEY_ID + OSS_ACCESS_KEY_SECRET, both or neither (the emulator then keeps its own pair). */
function credentialsFromEnv(env: NodeJS.ProcessEnv): { accessKeyId: string; accessKeySecret: string } | undefined {
  const accessKeyId = env.OSS_ACCESS_KEY_ID;
  const accessKeySecret = env.OSS_ACCESS_KEY_SECRET;
  if (!accessKeyId && !accessKeySecret) return undefined;
  if (!accessKeyId) throw new UsageError('OSS_ACCESS_KEY_ID', 'is required when OSS_ACCESS_KEY_SECRET is set');
  if (!accessKeySecret) throw new UsageError('OSS_ACCESS_KEY_SECRET', 'is required when OSS_ACCESS_KEY_ID is set');
  return { accessKeyId, accessKeySecret };
}

function readyOf(emulator: RunningEmulator): LocalReady {
  const { endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data } = emulator;
  return { endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data };
}

/** What a person reads: where it listens and how to point a shell at it. Never the secret. */
function readyText(ready: LocalReady, secretFromEnv: boolean): string {
  const secretHint = secretFromEnv
    ? '(your OSS_ACCESS_KEY_SECRET)'
    : `(the accessKeySecret in ${path.join(ready.data, 'credentials.json')}, or run with --json)`;
  return [
    'Local OSS emulator ready',
    fields([
      ['endpoint', ready.endpoint],
      ['rtmp', ready.rtmp],
      ['bucket', ready.bucket],
      ['region', ready.region],
      ['access key id', ready.accessKeyId],
      ['data', ready.data],
    ]),
    '',
    "oss-live commands and the app's Local profile find it by themselves. For other tools:",
    `  export OSS_ENDPOINT=${ready.endpoint} OSS_BUCKET=${ready.bucket} OSS_REGION=${ready.region} OSS_RTMP_BASE=${ready.rtmp}`,
    `  export OSS_ACCESS_KEY_ID=${ready.accessKeyId} OSS_ACCESS_KEY_SECRET=...  ${secretHint}`,
    '',
    'Ctrl-C stops it.',
  ].join('\n');
}

/** Removes the ready file unless a later `oss-live local` has replaced it with its own. */
async function removeIfOurs(file: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  let pid: unknown;
  try {
    pid = (JSON.parse(text) as { pid?: unknown }).pid;
  } catch {
    pid = undefined;
  }
  if (pid === process.pid || pid === undefined) await rm(file, { force: true });
}
