/**
 * The LiveChannel lifecycle against a real emulator, driven by two independent clients: ours (V1, V4, V4 with STS
 * credentials) and the official ali-oss (V1, V4). Covers the server-side §9 conformance cases of the spec.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OssError } from '../../../electron/oss';
import type { OssLiveClient } from '../../../electron/oss';
import { authorizationV1 } from '../../../electron/oss/sign-v1';
import type { LiveChannelInput } from '../../../shared/live-channel';
import { aliRtmp, ourClient, rawRequest, startTestEmulator, xmlText, type AliRtmp, type TestEmulator } from './emulator-harness';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.dispose();
});

interface ChannelInfo {
  description: string;
  status: string;
  fragDuration: number;
  fragCount: number;
  playlistName: string;
}

/** The same steps through either client, so every flavour runs the identical lifecycle. */
interface Flavour {
  name: string;
  put(channel: string, input: LiveChannelInput): Promise<{ publishUrl: string; playUrl: string }>;
  info(channel: string): Promise<ChannelInfo>;
  setStatus(channel: string, status: 'enabled' | 'disabled'): Promise<void>;
  stat(channel: string): Promise<string>;
  history(channel: string): Promise<number>;
  list(query: { prefix?: string; marker?: string; maxKeys?: number }): Promise<{ names: string[]; isTruncated: boolean; nextMarker?: string }>;
  remove(channel: string): Promise<void>;
  postVod(channel: string, playlist: string, startTime: number, endTime: number): Promise<void>;
}

interface ServiceFailure {
  status: number;
  code: string;
  ec?: string;
  message: string;
}

async function failure(promise: Promise<unknown>): Promise<ServiceFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OssError) return { status: error.status, code: error.code, message: error.message, ...(error.ec ? { ec: error.ec } : {}) };
    const e = error as { status: number; code: string; ecCode?: string; message: string };
    return { status: e.status, code: e.code, message: e.message, ...(e.ecCode ? { ec: e.ecCode } : {}) };
  }
  throw new Error('expected the call to fail');
}

function ours(name: string, client: () => OssLiveClient): Flavour {
  return {
    name,
    async put(channel, input) {
      const urls = await client().putLiveChannel(channel, input);
      return { publishUrl: urls.publishUrls[0] ?? '', playUrl: urls.playUrls[0] ?? '' };
    },
    async info(channel) {
      const { description, status, target } = await client().getLiveChannelInfo(channel);
      return { description, status, fragDuration: target.fragDuration, fragCount: target.fragCount, playlistName: target.playlistName };
    },
    setStatus: (channel, status) => client().putLiveChannelStatus(channel, status),
    stat: async (channel) => (await client().getLiveChannelStat(channel)).status,
    history: async (channel) => (await client().getLiveChannelHistory(channel)).length,
    async list(query) {
      const page = await client().listLiveChannels(query);
      return { names: page.channels.map((c) => c.name), isTruncated: page.isTruncated, ...(page.nextMarker ? { nextMarker: page.nextMarker } : {}) };
    },
    remove: (channel) => client().deleteLiveChannel(channel),
    postVod: async (channel, playlist, startTime, endTime) => {
      await client().postVodPlaylist(channel, playlist, { startTime, endTime });
    },
  };
}

function aliOss(name: string, client: () => AliRtmp): Flavour {
  return {
    name,
    async put(channel, input) {
      const conf: Record<string, unknown> = {};
      if (input.description !== undefined) conf.Description = input.description;
      if (input.status !== undefined) conf.Status = input.status;
      const target: Record<string, unknown> = { Type: 'HLS' };
      if (input.fragDuration !== undefined) target.FragDuration = input.fragDuration;
      if (input.fragCount !== undefined) target.FragCount = input.fragCount;
      if (input.playlistName !== undefined) target.PlaylistName = input.playlistName;
      conf.Target = target;
      const result = await client().putChannel(channel, conf);
      return { publishUrl: String(result.publishUrls[0]), playUrl: String(result.playUrls[0]) };
    },
    async info(channel) {
      const data = (await client().getChannel(channel)).data as { Description: string; Status: string; Target: Record<string, string> };
      return {
        description: data.Description,
        status: data.Status,
        fragDuration: Number(data.Target.FragDuration),
        fragCount: Number(data.Target.FragCount),
        playlistName: String(data.Target.PlaylistName),
      };
    },
    setStatus: async (channel, status) => {
      await client().putChannelStatus(channel, status);
    },
    stat: async (channel) => String((await client().getChannelStatus(channel)).data.Status),
    history: async (channel) => (await client().getChannelHistory(channel)).records.length,
    async list(query) {
      const q: Record<string, unknown> = {};
      if (query.prefix) q.prefix = query.prefix;
      if (query.marker) q.marker = query.marker;
      if (query.maxKeys !== undefined) q['max-keys'] = query.maxKeys;
      const page = await client().listChannels(q);
      const names = page.channels.map((c) => c.Name);
      return { names, isTruncated: page.isTruncated, ...(page.nextMarker ? { nextMarker: page.nextMarker } : {}) };
    },
    remove: async (channel) => {
      await client().deleteChannel(channel);
    },
    postVod: async (channel, playlist, startTime, endTime) => {
      await client().createVod(channel, playlist, { startTime, endTime });
    },
  };
}

const stsClient = (): OssLiveClient => ourClient(emulator, { credentials: emulator.issueStsCredentials({ durationSeconds: 600 }) });

const flavours: Flavour[] = [
  ours('our client V1', () => ourClient(emulator, { signatureVersion: 'v1' })),
  ours('our client V4', () => ourClient(emulator, { signatureVersion: 'v4' })),
  ours('our client V4 + STS', stsClient),
  aliOss('ali-oss V1', () => aliRtmp(emulator)),
  aliOss('ali-oss V4', () => aliRtmp(emulator, { authorizationV4: true })),
];

describe.each(flavours)('LiveChannel lifecycle with $name', (flavour) => {
  const prefix = `${flavour.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-`;
  const channel = (name: string): string => `${prefix}${name}`;

  it('creates with an explicit playlist and answers emulator Publish/Play URLs (case 1)', async () => {
    const urls = await flavour.put(channel('create'), { playlistName: 'test.m3u8' });
    expect(urls.publishUrl).toBe(`${emulator.rtmp}/${channel('create')}`);
    expect(urls.playUrl).toBe(`${emulator.endpoint}/${emulator.bucket}/${channel('create')}/test.m3u8`);
  });

  it('fills the defaults when only the target type is given (case 4)', async () => {
    await flavour.put(channel('defaults'), {});
    expect(await flavour.info(channel('defaults'))).toEqual({ description: '', status: 'enabled', fragDuration: 5, fragCount: 3, playlistName: 'playlist.m3u8' });
  });

  it('echoes every configured value (cases 5 and 6)', async () => {
    const urls = await flavour.put(channel('full'), { description: 'this is channel 1', status: 'disabled', fragDuration: 100, fragCount: 99, playlistName: 'myplaylist.m3u8' });
    expect(urls.playUrl.endsWith(`/${channel('full')}/myplaylist.m3u8`)).toBe(true);
    expect(await flavour.info(channel('full'))).toEqual({ description: 'this is channel 1', status: 'disabled', fragDuration: 100, fragCount: 99, playlistName: 'myplaylist.m3u8' });
  });

  it('switches status, repeatedly, and shows Idle / Disabled in the stat (cases 9 and 10)', async () => {
    const name = channel('status');
    await flavour.put(name, { status: 'disabled' });
    expect(await flavour.stat(name)).toBe('Disabled');
    await flavour.setStatus(name, 'enabled');
    await flavour.setStatus(name, 'enabled');
    expect((await flavour.info(name)).status).toBe('enabled');
    expect(await flavour.stat(name)).toBe('Idle');
    await flavour.setStatus(name, 'disabled');
    expect((await flavour.info(name)).status).toBe('disabled');
    expect(await flavour.stat(name)).toBe('Disabled');
  });

  it('has an empty history for a fresh channel and 404s for a missing one (case 13)', async () => {
    await flavour.put(channel('history'), {});
    expect(await flavour.history(channel('history'))).toBe(0);
    expect(await failure(flavour.history(channel('missing')))).toMatchObject({ status: 404, code: 'NoSuchLiveChannel' });
    expect(await failure(flavour.stat(channel('missing')))).toMatchObject({ status: 404, code: 'NoSuchLiveChannel' });
  });

  it('lists with prefix, marker and max-keys (case 20)', async () => {
    const names = Array.from({ length: 10 }, (_, i) => channel(`list-${i}`));
    await Promise.all(names.map((name) => flavour.put(name, {})));
    const page = await flavour.list({ prefix: channel('list-'), marker: channel('list-4'), maxKeys: 3 });
    expect(page).toEqual({ names: [channel('list-5'), channel('list-6'), channel('list-7')], isTruncated: true, nextMarker: channel('list-7') });
    const rest = await flavour.list({ prefix: channel('list-'), marker: channel('list-7') });
    expect(rest).toEqual({ names: [channel('list-8'), channel('list-9')], isTruncated: false });
    expect((await flavour.list({ prefix: `${prefix}no-such-` })).names).toEqual([]);
  });

  it('refuses a VOD playlist when no ts lies in the span (cases 22 and 24)', async () => {
    await flavour.put(channel('vod'), {});
    const nowSeconds = Math.floor(Date.now() / 1000);
    const error = await failure(flavour.postVod(channel('vod'), 'vod.m3u8', nowSeconds - 3660, nowSeconds - 60));
    expect(error).toMatchObject({ status: 400, code: 'InvalidArgument', ec: '0044-00000308' });
    expect(error.message).toContain('No ts file found in specified time span.');
  });

  it('deletes (204) and then answers 404 (case 6)', async () => {
    await flavour.put(channel('delete'), {});
    await flavour.remove(channel('delete'));
    expect(await failure(flavour.info(channel('delete')))).toMatchObject({ status: 404, code: 'NoSuchLiveChannel', ec: '0044-00000100' });
    expect(await failure(flavour.remove(channel('delete')))).toMatchObject({ status: 404, code: 'NoSuchLiveChannel' });
  });
});

describe('ali-oss specifics', () => {
  it('getChannel deep-equals what putChannel sent, no extra elements (case 6)', async () => {
    const client = aliRtmp(emulator);
    const conf = { Description: 'this is channel 1', Status: 'enabled', Target: { Type: 'HLS', FragDuration: '10', FragCount: '5', PlaylistName: 'playlist.m3u8' } };
    await client.putChannel('ali-deep-equal', conf);
    expect((await client.getChannel('ali-deep-equal')).data).toEqual(conf);
    await client.deleteChannel('ali-deep-equal');
  });

  it.each([
    ['an invalid Type (case 2)', { Type: 'RTMP' }, '0044-00000013'],
    ['FragDuration 200 (case 3)', { Type: 'HLS', FragDuration: 200, FragCount: 3 }, '0044-00000014'],
    ['FragCount 0 (case 3)', { Type: 'HLS', FragDuration: 5, FragCount: 0 }, '0044-00000015'],
    ['FragCount 199 (case 3)', { Type: 'HLS', FragDuration: 5, FragCount: 199 }, '0044-00000015'],
    ['only FragCount', { Type: 'HLS', FragCount: 3 }, '0044-00000014'],
    ['a playlist without .m3u8', { Type: 'HLS', PlaylistName: 'list.txt' }, '0044-00000018'],
  ])('refuses %s with 400 InvalidArgument and its EC', async (_name, target, ec) => {
    const error = await failure(aliRtmp(emulator, { authorizationV4: true }).putChannel('ali-invalid', { Target: target }));
    expect(error).toMatchObject({ status: 400, code: 'InvalidArgument', ec });
  });

  it('refuses an invalid status switch and a too long description', async () => {
    const client = aliRtmp(emulator);
    await client.putChannel('ali-status', { Target: { Type: 'HLS' } });
    expect(await failure(client.putChannelStatus('ali-status', 'abcdefghi'))).toMatchObject({ status: 400, code: 'InvalidArgument', ec: '0044-00000002' });
    const longDescription = { Description: 'x'.repeat(129), Target: { Type: 'HLS' } };
    expect(await failure(client.putChannel('ali-status', longDescription))).toMatchObject({ status: 400, ec: '0044-00000001' });
  });

  it('createVod on a deleted channel with a 0-1 s span is 400 EC 0044-00000308 (case 24)', async () => {
    const client = aliRtmp(emulator);
    await client.putChannel('ali-vod-deleted', { Target: { Type: 'HLS' } });
    await client.deleteChannel('ali-vod-deleted');
    const nowSeconds = Math.floor(Date.now() / 1000);
    expect(await failure(client.createVod('ali-vod-deleted', 're-play.m3u8', { startTime: nowSeconds - 1, endTime: nowSeconds }))).toMatchObject({
      status: 400,
      code: 'InvalidArgument',
      ec: '0044-00000308',
    });
  });
});

/** A request signed with V1 the way oss2 would send it (raw path and body). */
function oss2Request(method: string, path: string, query: Record<string, string>, body = ''): Promise<Awaited<ReturnType<typeof rawRequest>>> {
  const headers: Record<string, string> = { date: new Date().toUTCString(), 'content-type': '' };
  if (body) headers['content-type'] = 'application/xml';
  else delete headers['content-type'];
  const key = decodeURIComponent(path.slice(1));
  const { authorization } = authorizationV1({ method, bucket: emulator.bucket, key, query, headers }, emulator);
  const search = Object.entries(query)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return rawRequest(emulator.port, { method, path: `${path}?${search}`, headers: { ...headers, authorization, host: `${emulator.bucket}.oss-local.aliyuncs.com` }, body });
}

describe('wire forms other SDKs send', () => {
  it("accepts oss2's exact create body: self-closing Description, `?live=` (case 7)", async () => {
    const body = '<LiveChannelConfiguration><Description /><Status>enabled</Status><Target><Type>HLS</Type><FragDuration>5</FragDuration><FragCount>3</FragCount><PlaylistName>test.m3u8</PlaylistName></Target></LiveChannelConfiguration>';
    const response = await oss2Request('PUT', '/lc', { live: '' }, body);
    expect(response.status).toBe(200);
    expect(xmlText(response.text, 'Url')).toBe(`${emulator.rtmp}/lc`);
    expect((await ourClient(emulator).getLiveChannelInfo('lc')).target.playlistName).toBe('test.m3u8');
  });

  it("ignores PHP's <PlayListName> and an empty <PlaylistName/> (case 31)", async () => {
    for (const [channel, target] of [
      ['php', '<PlayListName>custom.m3u8</PlayListName>'],
      ['oss2-empty', '<PlaylistName />'],
    ] as const) {
      const body = `<?xml version="1.0" encoding="utf-8"?>\n<LiveChannelConfiguration><Target><Type>HLS</Type>${target}</Target><Unknown>x</Unknown></LiveChannelConfiguration>`;
      const response = await oss2Request('PUT', `/${channel}`, { live: '' }, body);
      expect(response.status).toBe(200);
      expect(response.text).toContain(`/${channel}/playlist.m3u8</Url>`);
    }
  });

  it('reads a percent-encoded key on PostVodPlaylist and stores the playlist with an ETag (case 25)', async () => {
    const session = await emulator.state.beginSession(emulator.bucket, 'lc', { remoteAddr: '127.0.0.1:50000' });
    const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 20_000);
    for (let i = 0; i < 3; i++) {
      await session.writeSegment({ name: `${start.getTime() + i * 2000}.ts`, startTime: new Date(start.getTime() + i * 2000), duration: 2, data: new Uint8Array(188) });
    }
    await session.end();
    const startTime = Math.floor(start.getTime() / 1000);
    const response = await oss2Request('POST', '/lc%2Ftest-vod.m3u8', { vod: '', endTime: String(startTime + 3), startTime: String(startTime) });
    expect(response.status).toBe(200);
    expect(response.headers.etag).toMatch(/^"[0-9A-F]{32}"$/);
    const object = await ourClient(emulator).getObject('lc/test-vod.m3u8');
    expect(new TextDecoder().decode(object.body)).toBe(
      `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.000,\n${start.getTime()}.ts\n#EXTINF:2.000,\n${start.getTime() + 2000}.ts\n#EXT-X-ENDLIST\n`,
    );
    expect(object.etag).toBe(response.headers.etag);
    // GetVodPlaylist (our client) over the whole range lists all three, and the history has the session.
    const text = await ourClient(emulator).getVodPlaylist('lc', { startTime, endTime: startTime + 10 });
    expect(text.match(/\.ts$/gm)).toHaveLength(3);
    expect(await ourClient(emulator).getLiveChannelHistory('lc')).toHaveLength(1);
  });

  it('accepts `?live` bare and `?live=` alike, and `comp` in either order', async () => {
    const client = ourClient(emulator, { signatureVersion: 'v1' });
    await client.putLiveChannel('bare', {});
    const bare = await oss2Request('GET', '/bare', { comp: 'stat', live: '' });
    expect(bare.status).toBe(200);
    expect(bare.text).toContain('<LiveChannelStat><Status>Idle</Status></LiveChannelStat>');
  });
});

describe('listing 200 channels (cases 15-19, 21)', () => {
  const p = 'paging-';
  const names = Array.from({ length: 200 }, (_, i) => `${p}${String(i).padStart(10, '0')}`);

  beforeAll(async () => {
    const client = ourClient(emulator);
    for (let i = 0; i < names.length; i += 25) await Promise.all(names.slice(i, i + 25).map((name) => client.putLiveChannel(name, {})));
  });

  it('pages by 100 by default with NextMarker the 100th name', async () => {
    const page = await ourClient(emulator).listLiveChannels({ prefix: p });
    expect(page.channels.map((c) => c.name)).toEqual(names.slice(0, 100));
    expect(page).toMatchObject({ isTruncated: true, nextMarker: names[99], maxKeys: 100, prefix: p, marker: '' });
  });

  it('continues after a marker, echoes prefix and marker, and stops', async () => {
    const page = await ourClient(emulator).listLiveChannels({ prefix: p, marker: names[100] });
    expect(page.channels.map((c) => c.name)).toEqual(names.slice(101));
    expect(page).toMatchObject({ isTruncated: false, prefix: p, marker: names[100] });
    expect(page.nextMarker).toBeUndefined();
  });

  it('returns all 200 with max-keys 1000, and refuses max-keys -1 and 1001', async () => {
    const page = await ourClient(emulator).listLiveChannels({ prefix: p, maxKeys: 1000 });
    expect(page.channels).toHaveLength(200);
    expect(page.maxKeys).toBe(1000);
    for (const maxKeys of ['-1', '1001', 'ten']) {
      const error = await failure(aliRtmp(emulator).listChannels({ prefix: p, 'max-keys': maxKeys }));
      expect(error).toMatchObject({ status: 400, code: 'InvalidArgument' });
    }
  });

  it('iterates every page in ascending order (our client, max-keys 7; ali-oss by NextMarker)', async () => {
    const ourNames: string[] = [];
    for await (const summary of ourClient(emulator).listAllLiveChannels({ prefix: p, maxKeys: 7 })) ourNames.push(summary.name);
    expect(ourNames).toEqual(names);
    const aliNames: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await aliRtmp(emulator, { authorizationV4: true }).listChannels({ prefix: p, 'max-keys': 64, ...(marker ? { marker } : {}) });
      aliNames.push(...page.channels.map((c) => c.Name));
      if (!page.isTruncated) break;
      marker = page.nextMarker ?? undefined;
    }
    expect(aliNames).toEqual(names);
  });

  it('shows an empty bucket as Prefix "", Marker "", MaxKeys 100, not truncated (case 15)', async () => {
    const other = await startTestEmulator();
    try {
      const response = await rawRequest(other.port, { path: '/?live', headers: {} });
      expect(response.status).toBe(403);
      const page = await ourClient(other).listLiveChannels();
      expect(page).toEqual({ prefix: '', marker: '', maxKeys: 100, isTruncated: false, channels: [] });
    } finally {
      await other.dispose();
    }
  });
});
