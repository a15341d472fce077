/**
 * LiveChannel XML, both ways: the response documents (element names and order of spec §2) and the
 * PutLiveChannel request body, validated into a configuration with OSS's EC codes.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import type { LiveChannelConfig, LiveChannelSnapshot, LiveChannelStat, LiveRecord } from '../../shared/live-channel';
import { CHANNEL_DEFAULTS } from '../../shared/live-channel';
import { validateBucketName, validatePlaylistName } from '../../shared/validation';
import { ERRORS, OssServiceError, validateAs } from '../errors';
import type { ChannelRecord } from '../state/channel-store';
import { document, isoTime, leaf, node } from './xml';

export interface ChannelUrls {
  publishUrl: string;
  playUrl: string;
}

const urls = ({ publishUrl, playUrl }: ChannelUrls): string[] => [node('PublishUrls', [leaf('Url', publishUrl)]), node('PlayUrls', [leaf('Url', playUrl)])];

export function createLiveChannelResult(channelUrls: ChannelUrls): string {
  return document(node('CreateLiveChannelResult', urls(channelUrls)));
}

export interface ListLiveChannelPage {
  prefix: string;
  marker: string;
  maxKeys: number;
  isTruncated: boolean;
  nextMarker?: string;
  channels: Array<{ channel: ChannelRecord; urls: ChannelUrls }>;
}

/** NextMarker only when truncated (the docs); every SDK copes with it absent. */
export function listLiveChannelResult(page: ListLiveChannelPage): string {
  return document(
    node('ListLiveChannelResult', [
      leaf('Prefix', page.prefix),
      leaf('Marker', page.marker),
      leaf('MaxKeys', page.maxKeys),
      leaf('IsTruncated', page.isTruncated),
      ...(page.isTruncated && page.nextMarker !== undefined ? [leaf('NextMarker', page.nextMarker)] : []),
      ...page.channels.map(({ channel, urls: channelUrls }) =>
        node('LiveChannel', [
          leaf('Name', channel.name),
          leaf('Description', channel.config.description),
          leaf('Status', channel.config.status),
          leaf('LastModified', isoTime(channel.lastModified)),
          ...urls(channelUrls),
        ]),
      ),
    ]),
  );
}

/** GetLiveChannelInfo: every element with defaults filled, nothing extra (Snapshot only when configured). */
export function liveChannelConfiguration(config: LiveChannelConfig): string {
  const { target, snapshot } = config;
  return document(
    node('LiveChannelConfiguration', [
      leaf('Description', config.description),
      leaf('Status', config.status),
      node('Target', [leaf('Type', target.type), leaf('FragDuration', target.fragDuration), leaf('FragCount', target.fragCount), leaf('PlaylistName', target.playlistName)]),
      ...(snapshot
        ? [node('Snapshot', [leaf('RoleName', snapshot.roleName), leaf('DestBucket', snapshot.destBucket), leaf('NotifyTopic', snapshot.notifyTopic), leaf('Interval', snapshot.interval)])]
        : []),
    ]),
  );
}

/** GetLiveChannelStat: non-Live statuses carry nothing but Status; Video/Audio only once known. */
export function liveChannelStat(stat: LiveChannelStat): string {
  if (stat.status !== 'Live') return document(node('LiveChannelStat', [leaf('Status', stat.status)]));
  const { video, audio } = stat;
  return document(
    node('LiveChannelStat', [
      leaf('Status', stat.status),
      leaf('ConnectedTime', isoTime(stat.connectedTime)),
      leaf('RemoteAddr', stat.remoteAddr),
      ...(video
        ? [node('Video', [leaf('Width', video.width), leaf('Height', video.height), leaf('FrameRate', video.frameRate), leaf('Bandwidth', video.bandwidth), leaf('Codec', video.codec)])]
        : []),
      ...(audio ? [node('Audio', [leaf('Bandwidth', audio.bandwidth), leaf('SampleRate', audio.sampleRate), leaf('Codec', audio.codec)])] : []),
    ]),
  );
}

export function liveChannelHistory(records: readonly LiveRecord[]): string {
  return document(
    node(
      'LiveChannelHistory',
      records.map((record) =>
        node('LiveRecord', [leaf('StartTime', isoTime(record.startTime)), leaf('EndTime', isoTime(record.endTime)), leaf('RemoteAddr', record.remoteAddr)]),
      ),
    ),
  );
}

// ---- PutLiveChannel body --------------------------------------------------------------------------------------

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => name === 'Snapshot',
});

type XmlNode = Readonly<Record<string, unknown>>;
const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of a child element; '' for `<X/>`; undefined when absent. A nested element where text belongs is malformed. */
function childText(parent: XmlNode, name: string): string | undefined {
  const value = parent[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (isNode(value) && Object.keys(value).every((key) => key === '#text')) return typeof value['#text'] === 'string' ? value['#text'] : '';
  throw new OssServiceError(ERRORS.malformedXml, `<${name}> must contain text.`);
}

/** An element that should contain elements; whitespace-only content reads as empty. */
function childNode(parent: XmlNode, name: string): XmlNode | undefined {
  const value = parent[name];
  if (value === undefined) return undefined;
  if (isNode(value)) return value;
  if (typeof value === 'string' && value.trim() === '') return {};
  throw new OssServiceError(ERRORS.malformedXml, `<${name}> must contain elements.`);
}

function integerIn(text: string | undefined, error: (typeof ERRORS)[keyof typeof ERRORS]): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value < 1 || value > 100) throw new OssServiceError(error, `Got '${trimmed}'.`);
  return value;
}

/** Parses an XML body; 400 MalformedXML for anything that is not well-formed XML with the expected root. */
export function parseXmlRoot(body: string, root: string): XmlNode {
  if (/<!DOCTYPE/i.test(body)) throw new OssServiceError(ERRORS.malformedXml, 'DOCTYPE declarations are not accepted.');
  if (XMLValidator.validate(body) !== true) throw new OssServiceError(ERRORS.malformedXml);
  const parsed: unknown = parser.parse(body);
  const element = isNode(parsed) ? parsed[root] : undefined;
  if (isNode(element)) return element;
  if (typeof element === 'string' && element.trim() === '') return {};
  throw new OssServiceError(ERRORS.malformedXml, `The root element must be <${root}>.`);
}

function parseSnapshot(value: unknown): LiveChannelSnapshot | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length > 1) throw new OssServiceError(ERRORS.tooManySnapshots);
  const snapshot = list[0];
  if (!isNode(snapshot)) throw new OssServiceError(ERRORS.malformedXml, '<Snapshot> must contain elements.');
  const roleName = childText(snapshot, 'RoleName')?.trim() ?? '';
  const destBucket = childText(snapshot, 'DestBucket')?.trim() ?? '';
  const notifyTopic = childText(snapshot, 'NotifyTopic')?.trim() ?? '';
  if (!roleName) throw new OssServiceError(ERRORS.invalidRoleName);
  validateAs(ERRORS.invalidDestBucket, () => validateBucketName(destBucket));
  if (!notifyTopic) throw new OssServiceError(ERRORS.invalidNotifyTopic);
  const interval = integerIn(childText(snapshot, 'Interval') ?? '', ERRORS.invalidSnapshotInterval) ?? 0;
  return { roleName, destBucket, notifyTopic, interval };
}

/**
 * A PutLiveChannel body → the configuration to store, defaults filled. Unknown or mis-cased elements are ignored
 * (PHP's `<PlayListName>`), an empty `<PlaylistName/>` means the default, FragDuration and FragCount default only
 * when both are absent; each violation is 400 InvalidArgument with its OSS EC.
 */
export function parseLiveChannelConfiguration(body: string): LiveChannelConfig {
  const root = parseXmlRoot(body, 'LiveChannelConfiguration');
  const description = childText(root, 'Description') ?? '';
  if (Buffer.byteLength(description, 'utf8') > 128) throw new OssServiceError(ERRORS.descriptionTooLong);
  const statusText = childText(root, 'Status')?.trim();
  const status = statusText === undefined || statusText === '' ? 'enabled' : statusText;
  if (status !== 'enabled' && status !== 'disabled') throw new OssServiceError(ERRORS.invalidChannelStatus, `Got '${status}'.`);
  const target = childNode(root, 'Target');
  if (!target) throw new OssServiceError(ERRORS.invalidTargetType, 'The Target element is required.');
  const type = childText(target, 'Type')?.trim();
  if (type !== 'HLS') throw new OssServiceError(ERRORS.invalidTargetType, `Got '${type ?? ''}'.`);
  const fragDuration = integerIn(childText(target, 'FragDuration'), ERRORS.invalidFragDuration);
  const fragCount = integerIn(childText(target, 'FragCount'), ERRORS.invalidFragCount);
  if (fragDuration === undefined && fragCount !== undefined) throw new OssServiceError(ERRORS.invalidFragDuration, 'FragDuration and FragCount must be given together.');
  if (fragCount === undefined && fragDuration !== undefined) throw new OssServiceError(ERRORS.invalidFragCount, 'FragDuration and FragCount must be given together.');
  const playlistText = childText(target, 'PlaylistName')?.trim();
  const playlistName = playlistText ? playlistText : CHANNEL_DEFAULTS.playlistName;
  validateAs(ERRORS.invalidPlaylistName, () => validatePlaylistName(playlistName), () => `Got '${playlistName}'.`);
  const snapshot = parseSnapshot(root.Snapshot);
  return {
    description,
    status,
    target: {
      type: 'HLS',
      fragDuration: fragDuration ?? CHANNEL_DEFAULTS.fragDuration,
      fragCount: fragCount ?? CHANNEL_DEFAULTS.fragCount,
      playlistName,
    },
    ...(snapshot ? { snapshot } : {}),
  };
}
