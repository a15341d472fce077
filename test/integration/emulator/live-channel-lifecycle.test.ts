/**
 * The LiveChannel lifecycle against a real emulator, driven by two independent clients: ours (V1, V4, V4 with STS
 * credentials) and the official ali-oss (V1, V4). Covers the server-side §9 conformance cases of the spec, and the
 * publishing half (stat while Live, history, VOD playlists) for every flavour against one real ffmpeg publish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OssError } from '../../../electron/oss';
import type { OssLiveClient } from '../../../electron/oss';
import { authorizationV1 } from '../../../electron/oss/sign-v1';
import type { LiveAudioStat, LiveChannelInput, LiveVideoStat } from '../../../shared/live-channel';
import { FFMPEG_INTERRUPTED_EXIT_CODE, interruptPublisher, publishTestPattern, stopAllPublishers, type Publisher } from '../../support/ffmpeg-publisher';
import { waitFor } from '../../support/listening-ports';
import { parseMediaPlaylist } from '../../support/m3u8';
import { needs } from '../../support/tools';
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

/** GetLiveChannelStat as either client reads it, times as the ISO text OSS sends; absent elements stay absent. */
interface StatView {
  status: string;
  connectedTime?: string;
  remoteAddr?: string;
  video?: LiveVideoStat;
  audio?: LiveAudioStat;
}

interface RecordView {
  startTime: string;
  endTime: string;
  remoteAddr: string;
}

/** The same steps through either client, so every flavour runs the identical lifecycle. */
interface Flavour {
  name: string;
  put(channel: string, input: LiveChannelInput): Promise<{ publishUrl: string; playUrl: string }>;
  info(channel: string): Promise<ChannelInfo>;
  setStatus(channel: string, status: 'enabled' | 'disabled'): Promise<void>;
  stat(channel: string): Promise<StatView>;
  history(channel: string): Promise<RecordView[]>;
  list(query: { prefix?: string; marker?: string; maxKeys?: number }): Promise<{ names: string[]; isTruncated: boolean; nextMarker?: string }>;
  remove(channel: string): Promise<void>;
  postVod(channel: string, playlist: string, startTime: number, endTime: number): Promise<void>;
  getVod(channel: string, startTime: number, endTime: number): Promise<string>;
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
    async stat(channel) {
      const stat = await client().getLiveChannelStat(channel);
      if (stat.status !== 'Live') return { status: stat.status };
      const { connectedTime, remoteAddr, video, audio } = stat;
      return { status: stat.status, connectedTime: connectedTime.toISOString(), remoteAddr, ...(video ? { video } : {}), ...(audio ? { audio } : {}) };
    },
    history: async (channel) =>
      (await client().getLiveChannelHistory(channel)).map((record) => ({
        startTime: record.startTime.toISOString(),
        endTime: record.endTime.toISOString(),
        remoteAddr: record.remoteAddr,
      })),
    async list(query) {
      const page = await client().listLiveChannels(query);
      return { names: page.channels.map((c) => c.name), isTruncated: page.isTruncated, ...(page.nextMarker ? { nextMarker: page.nextMarker } : {}) };
    },
    remove: (channel) => client().deleteLiveChannel(channel),
    postVod: async (channel, playlist, startTime, endTime) => {
      await client().postVodPlaylist(channel, playlist, { startTime, endTime });
    },
    getVod: (channel, startTime, endTime) => client().getVodPlaylist(channel, { startTime, endTime }),
  };
}

/** ali-oss's internal request builder, which its own createVod uses. */
interface AliRequests {
  _objectRequestParams(method: string, name: string, options: { subres: Record<string, string | number | null> }): Record<string, unknown>;
  request(params: Record<string, unknown>): Promise<{ data: Buffer }>;
}

/** xml2js gives every leaf as a string: read one as a number, refusing anything else. */
function aliNumber(value: unknown): number {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) throw new Error(`ali-oss gave ${JSON.stringify(value)} where a number belongs`);
  return Number(value);
}

function aliText(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`ali-oss gave ${JSON.stringify(value)} where text belongs`);
  return value;
}

function aliStatView(data: Record<string, unknown>): StatView {
  const video = data.Video as Record<string, unknown> | undefined;
  const audio = data.Audio as Record<string, unknown> | undefined;
  return {
    status: aliText(data.Status),
    ...(data.ConnectedTime === undefined ? {} : { connectedTime: aliText(data.ConnectedTime) }),
    ...(data.RemoteAddr === undefined ? {} : { remoteAddr: aliText(data.RemoteAddr) }),
    ...(video
      ? { video: { width: aliNumber(video.Width), height: aliNumber(video.Height), frameRate: aliNumber(video.FrameRate), bandwidth: aliNumber(video.Bandwidth), codec: aliText(video.Codec) } }
      : {}),
    ...(audio ? { audio: { bandwidth: aliNumber(audio.Bandwidth), sampleRate: aliNumber(audio.SampleRate), codec: aliText(audio.Codec) } } : {}),
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
    stat: async (channel) => aliStatView((await client().getChannelStatus(channel)).data),
    history: async (channel) =>
      (await client().getChannelHistory(channel)).records.map((record) => {
        const { StartTime, EndTime, RemoteAddr } = record as Record<string, unknown>;
        return { startTime: aliText(StartTime), endTime: aliText(EndTime), remoteAddr: aliText(RemoteAddr) };
      }),
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
    // ali-oss has no GetVodPlaylist (spec §3): build it as its createVod builds PostVodPlaylist, so ali-oss signs it.
    async getVod(channel, startTime, endTime) {
      const requests = client() as unknown as AliRequests;
      const params = requests._objectRequestParams('GET', channel, { subres: { vod: null, startTime, endTime } });
      const result = await requests.request({ ...params, query: { startTime, endTime }, successStatuses: [200] });
      return result.data.toString('utf8');
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

  it('switches status, repeatedly, and shows Idle / Disabled in the stat, nothing else (cases 9 and 10)', async () => {
    const name = channel('status');
    await flavour.put(name, { status: 'disabled' });
    expect(await flavour.stat(name)).toEqual({ status: 'Disabled' });
    await flavour.setStatus(name, 'enabled');
    await flavour.setStatus(name, 'enabled');
    expect((await flavour.info(name)).status).toBe('enabled');
    expect(await flavour.stat(name)).toEqual({ status: 'Idle' });
    await flavour.setStatus(name, 'disabled');
    expect((await flavour.info(name)).status).toBe('disabled');
    expect(await flavour.stat(name)).toEqual({ status: 'Disabled' });
  });

  it('has an empty history for a fresh channel and 404s for a missing one (case 13)', async () => {
    await flavour.put(channel('history'), {});
    expect(await flavour.history(channel('history'))).toEqual([]);
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

  it('refuses Post- and GetVodPlaylist when no ts lies in the span, with EC and message (cases 22, 23 and 24)', async () => {
    await flavour.put(channel('vod'), {});
    const nowSeconds = Math.floor(Date.now() / 1000);
    const noTs = { status: 400, code: 'InvalidArgument', ec: '0044-00000308', message: 'No ts file found in specified time span.' };
    expect(await failure(flavour.postVod(channel('vod'), 'vod.m3u8', nowSeconds - 3660, nowSeconds - 60))).toEqual(noTs);
    expect(await failure(flavour.getVod(channel('vod'), nowSeconds - 3660, nowSeconds - 60))).toEqual(noTs);
  });

  it('deletes (204) and then answers 404 (case 6)', async () => {
    await flavour.put(channel('delete'), {});
    await flavour.remove(channel('delete'));
    expect(await failure(flavour.info(channel('delete')))).toMatchObject({ status: 404, code: 'NoSuchLiveChannel', ec: '0044-00000100' });
    expect(await failure(flavour.remove(channel('delete')))).toMatchObject({ status: 404, code: 'NoSuchLiveChannel' });
  });
});

/**
 * The publishing half for every flavour, against one real ffmpeg publish (so its cost is paid once). The publish
 * URL is ali-oss's `getRtmpUrl` query on the emulator's RTMP base, which proves ali-oss's RTMP signing end to end.
 * The source runs for minutes; the test interrupts it once every flavour saw it Live, so load cannot end it early.
 */
describe.runIf(needs('ffmpeg'))('one real ffmpeg publish, signed by ali-oss, seen by every flavour', () => {
  const CHANNEL = 'published';
  const PLAYLIST = 'from-ali.m3u8';
  const [WIDTH, HEIGHT, FPS] = [320, 180, 25];
  const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
  const slug = (flavour: Flavour): string => flavour.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
  let publisher: Publisher;
  /** What the first flavour saw; every other one must agree. */
  let connection: { connectedTime: string; remoteAddr: string } | undefined;
  let range = { startTime: 0, endTime: 0 };
  /** The ts names stored for the session, in time order. */
  let stored: string[] = [];

  beforeAll(async () => {
    await ourClient(emulator).putLiveChannel(CHANNEL, { fragDuration: 1, fragCount: 3 });
    const signed = aliRtmp(emulator).getRtmpUrl(CHANNEL, { expires: 600, params: { playlistName: PLAYLIST } });
    // ali-oss puts the HTTP endpoint's host in front (it has no RTMP endpoint option); its query is what it signed.
    const query = signed.slice(signed.indexOf('?') + 1);
    expect([...new URLSearchParams(query).keys()]).toEqual(['OSSAccessKeyId', 'Expires', 'Signature', 'playlistName']);
    publisher = publishTestPattern(`${emulator.rtmp}/${CHANNEL}?${query}`, { seconds: 300, fps: FPS, fragDuration: 1, size: `${WIDTH}x${HEIGHT}` });
  });

  afterAll(async () => {
    await stopAllPublishers();
  });

  it.each(flavours)('$name: Live, with ConnectedTime, RemoteAddr, Video and Audio (size from the SPS, rates, codecs)', async (flavour) => {
    let view: StatView | undefined;
    const live = await waitFor(async () => {
      view = await flavour.stat(CHANNEL);
      return (view.video?.bandwidth ?? 0) > 0 && (view.audio?.bandwidth ?? 0) > 0;
    }, 30_000, 200);
    expect(live, `last stat ${JSON.stringify(view)}; ffmpeg: ${publisher.stderr().slice(-2000)}`).toBe(true);
    expect(view).toEqual({
      status: 'Live',
      connectedTime: expect.stringMatching(ISO_TIME),
      remoteAddr: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      video: { width: WIDTH, height: HEIGHT, frameRate: FPS, bandwidth: expect.any(Number), codec: 'H264' },
      audio: { bandwidth: expect.any(Number), sampleRate: 44100, codec: 'AAC' },
    });
    connection ??= { connectedTime: view?.connectedTime ?? '', remoteAddr: view?.remoteAddr ?? '' };
    expect({ connectedTime: view?.connectedTime, remoteAddr: view?.remoteAddr }).toEqual(connection);
    // While Live only a switch to disabled is allowed (spec §2.4), even to the status it already has.
    expect(await failure(flavour.setStatus(CHANNEL, 'enabled'))).toMatchObject({ status: 409, code: 'ChannelStillLive' });
  });

  it('ali-oss hands the Live stat over as xml2js made it: nested objects of strings', async () => {
    const { data } = await aliRtmp(emulator).getChannelStatus(CHANNEL);
    expect(data).toEqual({
      Status: 'Live',
      ConnectedTime: connection?.connectedTime,
      RemoteAddr: connection?.remoteAddr,
      Video: { Width: String(WIDTH), Height: String(HEIGHT), FrameRate: String(FPS), Bandwidth: expect.stringMatching(/^[1-9]\d*$/), Codec: 'H264' },
      Audio: { Bandwidth: expect.stringMatching(/^[1-9]\d*$/), SampleRate: '44100', Codec: 'AAC' },
    });
  });

  it('ends cleanly when ffmpeg is interrupted: history record, playlist (the URL\'s playlistName) with ENDLIST', async () => {
    const client = ourClient(emulator);
    const segments = async (): Promise<string[]> =>
      (await client.listObjects({ prefix: `${CHANNEL}/` })).objects
        .map((object) => object.key.slice(CHANNEL.length + 1))
        .filter((name) => name.endsWith('.ts'))
        .sort();
    expect(await waitFor(async () => (await segments()).length >= 3, 30_000, 200), 'three segments were stored').toBe(true);
    const { code, stderr } = await interruptPublisher(publisher);
    expect(code, stderr).toBe(FFMPEG_INTERRUPTED_EXIT_CODE);
    expect(await waitFor(async () => (await client.getLiveChannelHistory(CHANNEL)).length === 1, 10_000), 'the session was recorded').toBe(true);
    expect(await client.getLiveChannelStat(CHANNEL)).toEqual({ status: 'Idle' });
    const playlist = parseMediaPlaylist(decode((await client.getObject(`${CHANNEL}/${PLAYLIST}`)).body));
    expect(playlist.ended).toBe(true);
    stored = await segments();
    for (const entry of playlist.entries) expect(stored).toContain(entry.uri);
    const [record] = await client.getLiveChannelHistory(CHANNEL);
    range = { startTime: Math.floor((record?.startTime.getTime() ?? 0) / 1000), endTime: Math.ceil((record?.endTime.getTime() ?? 0) / 1000) + 1 };
  });

  it.each(flavours)('$name: the history has the session, with the stat\'s ConnectedTime and RemoteAddr', async (flavour) => {
    const history = await flavour.history(CHANNEL);
    expect(history).toEqual([{ startTime: connection?.connectedTime, endTime: expect.stringMatching(ISO_TIME), remoteAddr: connection?.remoteAddr }]);
    expect(Date.parse(history[0]?.endTime ?? '')).toBeGreaterThan(Date.parse(history[0]?.startTime ?? ''));
  });

  it('ali-oss: xml2js reads the single <LiveRecord> as an object, which getChannelHistory wraps in an array', async () => {
    const { records } = await aliRtmp(emulator).getChannelHistory(CHANNEL);
    expect(records).toEqual([{ StartTime: connection?.connectedTime, EndTime: expect.stringMatching(ISO_TIME), RemoteAddr: connection?.remoteAddr }]);
  });

  it.each(flavours)('$name: GetVodPlaylist and PostVodPlaylist over the session list exactly the stored segments', async (flavour) => {
    const text = await flavour.getVod(CHANNEL, range.startTime, range.endTime);
    const vod = parseMediaPlaylist(text);
    expect(vod.ended).toBe(true);
    expect(vod.entries.map((entry) => entry.uri)).toEqual(stored);
    const name = `${slug(flavour)}-vod.m3u8`;
    await flavour.postVod(CHANNEL, name, range.startTime, range.endTime);
    expect(decode((await ourClient(emulator).getObject(`${CHANNEL}/${name}`)).body)).toBe(text);
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

/**
 * A request signed with V1 the way oss2 would send it (raw path and body). `search` replaces the query text sent
 * (not what is signed), for the other spellings of the same sub-resources.
 */
function oss2Request(method: string, path: string, query: Record<string, string>, body = '', search?: string): Promise<Awaited<ReturnType<typeof rawRequest>>> {
  const headers: Record<string, string> = { date: new Date().toUTCString(), 'content-type': '' };
  if (body) headers['content-type'] = 'application/xml';
  else delete headers['content-type'];
  const key = decodeURIComponent(path.slice(1));
  const { authorization } = authorizationV1({ method, bucket: emulator.bucket, key, query, headers }, emulator);
  const queryText =
    search ??
    Object.entries(query)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&');
  return rawRequest(emulator.port, { method, path: `${path}?${queryText}`, headers: { ...headers, authorization, host: `${emulator.bucket}.oss-local.aliyuncs.com` }, body });
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

  it.each(['live&comp=stat', 'live=&comp=stat', 'comp=stat&live', 'comp=stat&live='])(
    'accepts `?live` bare and `?live=` alike, and `comp` in either order: ?%s',
    async (search) => {
      await ourClient(emulator, { signatureVersion: 'v1' }).putLiveChannel('bare', {});
      const response = await oss2Request('GET', '/bare', { comp: 'stat', live: '' }, '', search);
      expect(response.status, response.text).toBe(200);
      expect(response.text).toContain('<LiveChannelStat><Status>Idle</Status></LiveChannelStat>');
    },
  );
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
