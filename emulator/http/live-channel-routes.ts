/** The nine LiveChannel operations (spec §2), dispatched by method and sub-resources (`?live`, `?vod`). */
import { MAX_VOD_SPAN_SECONDS, validateChannelName, validatePlaylistName } from '../../shared/validation';
import { ERRORS, OssServiceError, validateAs } from '../errors';
import { vodPlaylist } from '../media/playlist';
import { readBody } from './body';
import { parseMaxKeys } from './max-keys';
import {
  createLiveChannelResult,
  listLiveChannelResult,
  liveChannelConfiguration,
  liveChannelHistory,
  liveChannelStat,
  parseLiveChannelConfiguration,
} from './live-channel-xml';
import { send, sendXml } from './respond';
import type { RouteContext } from './route-context';

const M3U8_CONTENT_TYPE = 'application/x-mpegURL';

function channelName(key: string): string {
  validateAs(ERRORS.invalidChannelName, () => validateChannelName(key), (error) => `The channel name ${error.rule}.`);
  return key;
}

/** startTime/endTime of the VOD operations: integer Unix seconds, start < end, span at most one day. */
function vodRange(ctx: RouteContext): { startTime: number; endTime: number } {
  const { startTime: startText, endTime: endText } = ctx.query;
  if (startText === undefined || !/^\d{1,13}$/.test(startText)) throw new OssServiceError(ERRORS.invalidStartTime);
  if (endText === undefined || !/^\d{1,13}$/.test(endText)) throw new OssServiceError(ERRORS.invalidEndTime);
  const startTime = Number(startText);
  const endTime = Number(endText);
  if (endTime <= startTime || endTime - startTime > MAX_VOD_SPAN_SECONDS) throw new OssServiceError(ERRORS.invalidVodSpan);
  return { startTime, endTime };
}

async function putLiveChannel(ctx: RouteContext, name: string): Promise<void> {
  const { bucket } = ctx.address;
  const config = parseLiveChannelConfiguration((await readBody(ctx.req)).toString('utf8'));
  await ctx.deps.state.putChannel(bucket, name, config);
  const urls = { publishUrl: ctx.deps.urls.publishUrl(bucket, name), playUrl: ctx.deps.urls.playUrl(bucket, name, config.target.playlistName) };
  sendXml(ctx.res, ctx.response, 200, createLiveChannelResult(urls));
}

function listLiveChannels(ctx: RouteContext): void {
  const { bucket } = ctx.address;
  const prefix = ctx.query.prefix ?? '';
  const marker = ctx.query.marker ?? '';
  const maxKeys = parseMaxKeys(ctx.query['max-keys']);
  const page = ctx.deps.state.bucket(bucket).channels.list({ prefix, after: marker, maxKeys });
  const xml = listLiveChannelResult({
    prefix,
    marker,
    maxKeys,
    isTruncated: page.isTruncated,
    ...(page.next !== undefined ? { nextMarker: page.next } : {}),
    channels: page.channels.map((channel) => ({
      channel,
      urls: { publishUrl: ctx.deps.urls.publishUrl(bucket, channel.name), playUrl: ctx.deps.urls.playUrl(bucket, channel.name, channel.config.target.playlistName) },
    })),
  });
  sendXml(ctx.res, ctx.response, 200, xml);
}

async function postVodPlaylist(ctx: RouteContext): Promise<void> {
  const { bucket, key } = ctx.address;
  const slash = key.indexOf('/');
  const channel = channelName(slash < 0 ? key : key.slice(0, slash));
  const playlistName = slash < 0 ? '' : key.slice(slash + 1);
  validateAs(ERRORS.invalidPlaylistName, () => validatePlaylistName(playlistName), () => `Got '${playlistName}'.`);
  const { startTime, endTime } = vodRange(ctx);
  const text = vodPlaylist(ctx.deps.state.vodSegments(bucket, channel, startTime, endTime));
  const record = await ctx.deps.state.bucket(bucket).objects.put(key, text, { contentType: M3U8_CONTENT_TYPE, maxBytes: Number.MAX_SAFE_INTEGER });
  send(ctx.res, ctx.response, 200, { etag: record.etag });
}

function getVodPlaylist(ctx: RouteContext): void {
  const channel = channelName(ctx.address.key);
  const { startTime, endTime } = vodRange(ctx);
  const text = vodPlaylist(ctx.deps.state.vodSegments(ctx.address.bucket, channel, startTime, endTime));
  send(ctx.res, ctx.response, 200, { 'content-type': M3U8_CONTENT_TYPE }, text);
}

/** Routes a request that carries `live` or `vod`. */
export async function handleLiveChannelRequest(ctx: RouteContext): Promise<void> {
  const { method } = ctx.req;
  const { state } = ctx.deps;
  const { bucket, key } = ctx.address;
  if (ctx.query.vod !== undefined) {
    if (method === 'POST') return postVodPlaylist(ctx);
    if (method === 'GET') return getVodPlaylist(ctx);
    throw new OssServiceError(ERRORS.methodNotAllowed);
  }
  if (key === '') {
    if (method === 'GET') return listLiveChannels(ctx);
    throw new OssServiceError(ERRORS.methodNotAllowed);
  }
  const name = channelName(key);
  const comp = ctx.query.comp;
  if (comp !== undefined && (method !== 'GET' || (comp !== 'stat' && comp !== 'history'))) {
    throw new OssServiceError(ERRORS.unsupportedSubResource, `comp=${comp}`);
  }
  switch (method) {
    case 'PUT': {
      const status = ctx.query.status;
      if (status === undefined) return putLiveChannel(ctx, name);
      if (status !== 'enabled' && status !== 'disabled') throw new OssServiceError(ERRORS.invalidChannelStatus, `Got '${status}'.`);
      await state.setChannelStatus(bucket, name, status);
      return send(ctx.res, ctx.response, 200, {});
    }
    case 'GET':
    case 'HEAD':
      if (comp === 'stat') return sendXml(ctx.res, ctx.response, 200, liveChannelStat(state.stat(bucket, name)));
      if (comp === 'history') return sendXml(ctx.res, ctx.response, 200, liveChannelHistory(state.history(bucket, name)));
      return sendXml(ctx.res, ctx.response, 200, liveChannelConfiguration(state.channel(bucket, name).config));
    case 'DELETE':
      await state.deleteChannel(bucket, name);
      return send(ctx.res, ctx.response, 204, {});
    default:
      throw new OssServiceError(ERRORS.methodNotAllowed);
  }
}
