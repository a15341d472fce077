/** Shared by the emulator integration tests: a real emulator on an ephemeral port over a temp dir, and raw HTTP. */
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import OSS from 'ali-oss';

import { OssLiveClient, type OssLiveClientOptions } from '../../../electron/oss';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator';

export interface TestEmulator extends RunningEmulator {
  port: number;
  /** Stops the emulator and removes its data dir. */
  dispose(): Promise<void>;
}

export async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'oss-live-emulator-'));
}

/** Starts an emulator (HTTP and, unless given, RTMP on ephemeral ports of 127.0.0.1) over a fresh temp dir (or `dataDir`). */
export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? (await tempDir());
  const emulator = await startEmulator({ rtmpPort: 0, ...options, dataDir, httpPort: 0 });
  return Object.assign(emulator, {
    port: Number(new URL(emulator.endpoint).port),
    async dispose() {
      await emulator.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}

/** Our client against the emulator (path-style, since the endpoint is an IP). */
export function ourClient(emulator: RunningEmulator, options: Partial<OssLiveClientOptions> = {}): OssLiveClient {
  return new OssLiveClient({
    endpoint: emulator.endpoint,
    bucket: emulator.bucket,
    region: emulator.region,
    credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    retries: 0,
    ...options,
  });
}

/**
 * The official ali-oss client against the emulator. With an IP endpoint ali-oss sends `/key` (no bucket in the
 * path) and `Host: <bucket>.oss-<region>.aliyuncs.com`, which the emulator reads as virtual-hosted.
 */
export function aliClient(emulator: RunningEmulator, options: Partial<OSS.Options> = {}): OSS {
  return new OSS({
    endpoint: emulator.endpoint,
    region: `oss-${emulator.region}`,
    bucket: emulator.bucket,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    timeout: 10_000,
    ...options,
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

/** One HTTP request exactly as given (path, headers, body), for what clients never send. */
export function rawRequest(port: number, init: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: init.method ?? 'GET', path: init.path, headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers[name] = value;
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The text of `<name>` in an XML document (first occurrence). */
export function xmlText(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
}

/** ali-oss's RTMP API as it actually behaves (@types/ali-oss 6.23 gets several of these shapes wrong). */
export interface AliRtmp {
  putChannel(id: string, conf: object): Promise<{ publishUrls: string[]; playUrls: string[] }>;
  getChannel(id: string): Promise<{ data: Record<string, unknown> }>;
  getChannelStatus(id: string): Promise<{ data: { Status: string } }>;
  getChannelHistory(id: string): Promise<{ records: unknown[] }>;
  listChannels(query: Record<string, unknown>): Promise<{ channels: Array<{ Name: string }>; nextMarker: string | null; isTruncated: boolean }>;
  putChannelStatus(id: string, status: string): Promise<unknown>;
  deleteChannel(id: string): Promise<unknown>;
  createVod(id: string, name: string, time: { startTime: number; endTime: number }): Promise<unknown>;
  /** `rtmp://<endpoint host>/live/<id>?OSSAccessKeyId&Expires&Signature&<params>`; `expires` is relative seconds. */
  getRtmpUrl(id: string, options?: { expires?: number; params?: Record<string, string> }): string;
}

/** An ali-oss client (see `aliClient`) seen through its real RTMP API. */
export function aliRtmp(emulator: RunningEmulator, options: Partial<OSS.Options> = {}): AliRtmp {
  return aliClient(emulator, options) as unknown as AliRtmp;
}
