/**
 * Starting and stopping the local OSS LiveChannel emulator in-process (the app's offline mode, `oss-live local`,
 * and the test suite): state on disk, the HTTP API, and the RTMP ingest (emulator/ingest).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { validateBucketName } from '../shared/validation';
import { encodeKeyPath, encodeRfc3986 } from '../electron/oss/uri-encoding';
import type { AccessKeyPair, StsCredentials } from './credentials';
import { CredentialAuthority, loadOrCreateCredentials } from './credentials';
import { createRequestHandler } from './http/handler';
import type { BucketAcl, ChannelUrlMaker } from './http/route-context';
import type { HttpServer } from './http/server';
import { startHttpServer } from './http/server';
import type { Ingest } from './ingest';
import { startIngest } from './ingest';
import { EmulatorState } from './state/emulator-state';

export interface EmulatorOptions {
  /** Where buckets, channels and credentials live (created when missing). */
  dataDir: string;
  /** Interface for both servers; default 127.0.0.1 (never expose the emulator beyond this machine by default). */
  host?: string;
  /** 0 = ephemeral (default). */
  httpPort?: number;
  /** RTMP ingest port; default 1935, 0 = ephemeral. */
  rtmpPort?: number;
  /** The default bucket (also the one bucket-less requests address); default 'local'. */
  bucket?: string;
  /** Further buckets to create (reached path-style or virtual-hosted). */
  extraBuckets?: string[];
  /** Region V4 signatures must name; default 'local'. */
  region?: string;
  /** Who may use the buckets without a signature; default private. */
  acl?: BucketAcl;
  /** Else generated once and kept in `<dataDir>/credentials.json` (mode 0600). */
  credentials?: AccessKeyPair;
  /** Largest PutObject body; default 1 GiB. */
  maxObjectBytes?: number;
  /** Delay from disabling a live channel to kicking its publisher (OSS: about 10 s); default 0. */
  kickDelayMs?: number;
  now?: () => Date;
  /** Structured events; secrets (keys, signatures, tokens) are never passed. */
  log?: (event: string, details: Record<string, unknown>) => void;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: use path-style (IP endpoints cannot carry a bucket sub-domain). */
  endpoint: string;
  /** Publish base for the default bucket, e.g. `rtmp://127.0.0.1:1935/live`. */
  rtmp: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** The data directory. */
  data: string;
  /** Temporary credentials (default 3600 s) accepted until they expire. */
  issueStsCredentials(options?: { durationSeconds?: number }): StsCredentials;
  /** Publishers closed, sessions ended (final playlists and history written), servers closed. */
  stop(): Promise<void>;
  /** The state the RTMP ingest glue drives (sessions, kick hook). */
  readonly state: EmulatorState;
}

const DEFAULT_RTMP_PORT = 1935;
const DEFAULT_MAX_OBJECT_BYTES = 1024 * 1024 * 1024;

/** `127.0.0.1` or `[::1]`: a host as URLs write it. */
const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** PublishUrls and PlayUrls for the emulator: path-style, since an IP host cannot carry a bucket sub-domain. */
export function emulatorUrls(host: string, httpPort: number, rtmpPort: number, defaultBucket: string): ChannelUrlMaker {
  const hostPart = urlHost(host);
  return {
    publishUrl: (bucket, channel) =>
      `rtmp://${hostPart}:${rtmpPort}/${bucket === defaultBucket ? '' : `${bucket}/`}live/${encodeRfc3986(channel)}`,
    playUrl: (bucket, channel, playlistName) => `http://${hostPart}:${httpPort}/${bucket}/${encodeKeyPath(`${channel}/${playlistName}`)}`,
  };
}

/** Starts the emulator; resolves once it serves. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const bucket = options.bucket ?? 'local';
  const region = options.region ?? 'local';
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((): void => undefined);
  validateBucketName(bucket);
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const credentials = options.credentials ?? (await loadOrCreateCredentials(dataDir));
  const authority = new CredentialAuthority(credentials, now);
  const state = await EmulatorState.open({
    dataDir,
    buckets: [bucket, ...(options.extraBuckets ?? [])],
    now,
    log,
    ...(options.kickDelayMs !== undefined ? { kickDelayMs: options.kickDelayMs } : {}),
  });
  const acl = options.acl ?? 'private';
  let ingest: Ingest;
  try {
    ingest = await startIngest({ host, port: options.rtmpPort ?? DEFAULT_RTMP_PORT, state, authority, defaultBucket: bucket, acl, log });
  } catch (error) {
    await state.close();
    throw error;
  }
  // The PlayUrls need the HTTP port, known only once the server listens: the handler reads the maker late.
  let urlMaker = emulatorUrls(host, options.httpPort ?? 0, ingest.port, bucket);
  const urls: ChannelUrlMaker = {
    publishUrl: (b, channel) => urlMaker.publishUrl(b, channel),
    playUrl: (b, channel, playlist) => urlMaker.playUrl(b, channel, playlist),
  };
  const handler = createRequestHandler({
    state,
    authority,
    region,
    defaultBucket: bucket,
    acl,
    urls,
    maxObjectBytes: options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES,
    now,
    log,
  });
  let http: HttpServer;
  try {
    http = await startHttpServer({ host, port: options.httpPort ?? 0, handler, log });
  } catch (error) {
    await ingest.close();
    await state.close();
    throw error;
  }
  urlMaker = emulatorUrls(host, http.port, ingest.port, bucket);
  const server = http;
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://${urlHost(host)}:${http.port}`,
    rtmp: `rtmp://${urlHost(host)}:${ingest.port}/live`,
    bucket,
    region,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    data: dataDir,
    state,
    issueStsCredentials: (stsOptions) => authority.issueSts(stsOptions?.durationSeconds),
    stop() {
      stopping ??= (async () => {
        await ingest.close();
        await state.close();
        await server.close();
        log('emulator.stopped', {});
      })();
      return stopping;
    },
  };
}
