/**
 * Response XML -> typed results, one parse function per response shape, and the PutLiveChannel body builder.
 * Only fast-xml-parser touches XML. Values are read as strings (`parseTagValue: false`: a channel named "0001"
 * stays "0001") and converted field by field; whitespace is kept so descriptions round-trip.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

import type {
  ChannelStatus,
  ListLiveChannelsResult,
  ListObjectsResult,
  LiveAudioStat,
  LiveChannelConfig,
  LiveChannelInput,
  LiveChannelSnapshot,
  LiveChannelStat,
  LiveChannelSummary,
  LiveChannelUrls,
  LiveRecord,
  LiveVideoStat,
  ObjectSummary,
} from '../../shared/live-channel';
import { CHANNEL_DEFAULTS } from '../../shared/live-channel';

/** A response body that is not the XML shape the operation promises; `path` names the element at fault. */
export class XmlShapeError extends Error {
  override readonly name = 'XmlShapeError';
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: expected ${expected}`);
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: false,
  // No callback needs jPath strings; skipping them is measurably faster on 1000-channel pages.
  jPath: false,
});

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false, processEntities: true });

type XmlNode = Readonly<Record<string, unknown>>;

const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null && !Array.isArray(value);
/** An element with no child elements parses to a string; whitespace-only means "empty container". */
const isBlank = (value: unknown): boolean => typeof value === 'string' && value.trim() === '';

/** Parses `xml` and returns its root element `name` (an empty root reads as an element without children). */
function rootElement(xml: string, name: string): XmlNode {
  const document: unknown = parser.parse(xml);
  const root = isNode(document) ? document[name] : undefined;
  if (isNode(root)) return root;
  if (isBlank(root)) return {};
  throw new XmlShapeError(name, `a <${name}> document`);
}

/** Repeated elements: absent -> [], one -> [one], many -> many. */
function elements(node: XmlNode, name: string, path: string): XmlNode[] {
  const value = node[name];
  const list = value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((item, i) => {
    if (isNode(item)) return item;
    if (isBlank(item)) return {};
    throw new XmlShapeError(`${path}/${name}[${i}]`, 'an element with child elements');
  });
}

function optionalElement(node: XmlNode, name: string, path: string): XmlNode | undefined {
  return node[name] === undefined ? undefined : elements(node, name, path)[0];
}

function element(node: XmlNode, name: string, path: string): XmlNode {
  const child = optionalElement(node, name, path);
  if (!child) throw new XmlShapeError(`${path}/${name}`, 'a required element');
  return child;
}

function optionalText(node: XmlNode, name: string, path: string): string | undefined {
  const value = node[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw new XmlShapeError(`${path}/${name}`, 'a text element');
}

function text(node: XmlNode, name: string, path: string): string {
  const value = optionalText(node, name, path);
  if (value === undefined) throw new XmlShapeError(`${path}/${name}`, 'a required element');
  return value;
}

/** Repeated text elements (e.g. `<Url>`). */
function texts(node: XmlNode, name: string, path: string): string[] {
  const value = node[name];
  const list = value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((item, i) => {
    if (typeof item !== 'string') throw new XmlShapeError(`${path}/${name}[${i}]`, 'a text element');
    return item.trim();
  });
}

function toInteger(value: string, path: string): number {
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed)) throw new XmlShapeError(path, `an integer (got '${value}')`);
  return Number(trimmed);
}

function toNumber(value: string, path: string): number {
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) throw new XmlShapeError(path, `a number (got '${value}')`);
  return Number(trimmed);
}

const integer = (node: XmlNode, name: string, path: string): number => toInteger(text(node, name, path), `${path}/${name}`);
const decimal = (node: XmlNode, name: string, path: string): number => toNumber(text(node, name, path), `${path}/${name}`);

function optionalInteger(node: XmlNode, name: string, path: string): number | undefined {
  const value = optionalText(node, name, path);
  return value === undefined || value.trim() === '' ? undefined : toInteger(value, `${path}/${name}`);
}

function date(node: XmlNode, name: string, path: string): Date {
  const value = text(node, name, path).trim();
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new XmlShapeError(`${path}/${name}`, `an ISO 8601 time (got '${value}')`);
  return parsed;
}

function boolean(node: XmlNode, name: string, path: string): boolean {
  const value = text(node, name, path).trim();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new XmlShapeError(`${path}/${name}`, `true or false (got '${value}')`);
}

function channelStatus(node: XmlNode, name: string, path: string): ChannelStatus {
  const value = text(node, name, path).trim();
  if (value === 'enabled' || value === 'disabled') return value;
  throw new XmlShapeError(`${path}/${name}`, `enabled or disabled (got '${value}')`);
}

/** Empty optional text (`<NextMarker/>`) means absent. */
function nonEmptyText(node: XmlNode, name: string, path: string): string | undefined {
  const value = optionalText(node, name, path);
  return value === undefined || value === '' ? undefined : value;
}

function urls(node: XmlNode, path: string): LiveChannelUrls {
  const publish = optionalElement(node, 'PublishUrls', path);
  const play = optionalElement(node, 'PlayUrls', path);
  return {
    publishUrls: publish ? texts(publish, 'Url', `${path}/PublishUrls`) : [],
    playUrls: play ? texts(play, 'Url', `${path}/PlayUrls`) : [],
  };
}

/** PutLiveChannel: `<CreateLiveChannelResult>`. */
export function parseCreateLiveChannelResult(xml: string): LiveChannelUrls {
  return urls(rootElement(xml, 'CreateLiveChannelResult'), 'CreateLiveChannelResult');
}

/** ListLiveChannel: `<ListLiveChannelResult>`; NextMarker absent or empty both mean "none". */
export function parseListLiveChannelResult(xml: string): ListLiveChannelsResult {
  const path = 'ListLiveChannelResult';
  const root = rootElement(xml, path);
  const channels = elements(root, 'LiveChannel', path).map((channel, i): LiveChannelSummary => {
    const at = `${path}/LiveChannel[${i}]`;
    return {
      name: text(channel, 'Name', at),
      description: optionalText(channel, 'Description', at) ?? '',
      status: channelStatus(channel, 'Status', at),
      lastModified: date(channel, 'LastModified', at),
      ...urls(channel, at),
    };
  });
  const nextMarker = nonEmptyText(root, 'NextMarker', path);
  return {
    prefix: optionalText(root, 'Prefix', path) ?? '',
    marker: optionalText(root, 'Marker', path) ?? '',
    maxKeys: integer(root, 'MaxKeys', path),
    isTruncated: boolean(root, 'IsTruncated', path),
    ...(nextMarker !== undefined ? { nextMarker } : {}),
    channels,
  };
}

/** GetLiveChannelInfo: `<LiveChannelConfiguration>`, OSS defaults filled in for absent Target fields. */
export function parseLiveChannelConfiguration(xml: string): LiveChannelConfig {
  const path = 'LiveChannelConfiguration';
  const root = rootElement(xml, path);
  const target = element(root, 'Target', path);
  const type = text(target, 'Type', `${path}/Target`).trim();
  if (type !== 'HLS') throw new XmlShapeError(`${path}/Target/Type`, `HLS (got '${type}')`);
  const snapshotNode = optionalElement(root, 'Snapshot', path);
  const config: LiveChannelConfig = {
    description: optionalText(root, 'Description', path) ?? '',
    status: channelStatus(root, 'Status', path),
    target: {
      type,
      fragDuration: optionalInteger(target, 'FragDuration', `${path}/Target`) ?? CHANNEL_DEFAULTS.fragDuration,
      fragCount: optionalInteger(target, 'FragCount', `${path}/Target`) ?? CHANNEL_DEFAULTS.fragCount,
      playlistName: nonEmptyText(target, 'PlaylistName', `${path}/Target`)?.trim() ?? CHANNEL_DEFAULTS.playlistName,
    },
  };
  if (snapshotNode) config.snapshot = snapshot(snapshotNode, `${path}/Snapshot`);
  return config;
}

function snapshot(node: XmlNode, path: string): LiveChannelSnapshot {
  return {
    roleName: text(node, 'RoleName', path),
    destBucket: text(node, 'DestBucket', path),
    notifyTopic: text(node, 'NotifyTopic', path),
    interval: integer(node, 'Interval', path),
  };
}

/** GetLiveChannelStat: `<LiveChannelStat>`; connection details only while Live, media only once it arrived. */
export function parseLiveChannelStat(xml: string): LiveChannelStat {
  const path = 'LiveChannelStat';
  const root = rootElement(xml, path);
  const status = text(root, 'Status', path).trim();
  if (status === 'Idle' || status === 'Disabled') return { status };
  if (status !== 'Live') throw new XmlShapeError(`${path}/Status`, `Idle, Live or Disabled (got '${status}')`);
  const videoNode = optionalElement(root, 'Video', path);
  const audioNode = optionalElement(root, 'Audio', path);
  return {
    status,
    connectedTime: date(root, 'ConnectedTime', path),
    remoteAddr: text(root, 'RemoteAddr', path).trim(),
    ...(videoNode && Object.keys(videoNode).some((k) => k !== '#text') ? { video: video(videoNode, `${path}/Video`) } : {}),
    ...(audioNode && Object.keys(audioNode).some((k) => k !== '#text') ? { audio: audio(audioNode, `${path}/Audio`) } : {}),
  };
}

function video(node: XmlNode, path: string): LiveVideoStat {
  return {
    width: integer(node, 'Width', path),
    height: integer(node, 'Height', path),
    frameRate: decimal(node, 'FrameRate', path),
    bandwidth: integer(node, 'Bandwidth', path),
    codec: text(node, 'Codec', path).trim(),
  };
}

function audio(node: XmlNode, path: string): LiveAudioStat {
  return {
    bandwidth: integer(node, 'Bandwidth', path),
    sampleRate: integer(node, 'SampleRate', path),
    codec: text(node, 'Codec', path).trim(),
  };
}

/** GetLiveChannelHistory: `<LiveChannelHistory>` (an empty root means no records). */
export function parseLiveChannelHistory(xml: string): LiveRecord[] {
  const path = 'LiveChannelHistory';
  return elements(rootElement(xml, path), 'LiveRecord', path).map((record, i) => {
    const at = `${path}/LiveRecord[${i}]`;
    return { startTime: date(record, 'StartTime', at), endTime: date(record, 'EndTime', at), remoteAddr: text(record, 'RemoteAddr', at).trim() };
  });
}

/** ListObjects (v2): `<ListBucketResult>`. */
export function parseListBucketResult(xml: string): ListObjectsResult {
  const path = 'ListBucketResult';
  const root = rootElement(xml, path);
  const objects = elements(root, 'Contents', path).map((entry, i): ObjectSummary => {
    const at = `${path}/Contents[${i}]`;
    return { key: text(entry, 'Key', at), size: integer(entry, 'Size', at), etag: text(entry, 'ETag', at).trim(), lastModified: date(entry, 'LastModified', at) };
  });
  const commonPrefixes = elements(root, 'CommonPrefixes', path).map((entry, i) => text(entry, 'Prefix', `${path}/CommonPrefixes[${i}]`));
  const nextContinuationToken = nonEmptyText(root, 'NextContinuationToken', path);
  return {
    objects,
    commonPrefixes,
    isTruncated: boolean(root, 'IsTruncated', path),
    ...(nextContinuationToken !== undefined ? { nextContinuationToken } : {}),
  };
}

/** The fields of an OSS `<Error>` body; `details` holds every text child (BucketName, Header, ...). */
export interface ErrorBody {
  code: string;
  message: string;
  requestId?: string;
  hostId?: string;
  ec?: string;
  stringToSign?: string;
  details: Record<string, string>;
}

/** Reads an OSS `<Error>` document; undefined when `xml` is not one (HTML from a proxy, empty body...). */
export function parseErrorBody(xml: string): ErrorBody | undefined {
  let root: XmlNode;
  try {
    root = rootElement(xml, 'Error');
  } catch {
    return undefined;
  }
  const details: Record<string, string> = {};
  for (const [name, value] of Object.entries(root)) {
    // StringToSign is compared byte for byte with the client's: keep its whitespace.
    if (typeof value === 'string' && name !== '#text') details[name] = name === 'StringToSign' ? value : value.trim();
  }
  const { Code: code, Message: message, RequestId: requestId, HostId: hostId, EC: ec, StringToSign: stringToSign } = details;
  if (!code) return undefined;
  return {
    code,
    message: message ?? '',
    ...(requestId ? { requestId } : {}),
    ...(hostId ? { hostId } : {}),
    ...(ec ? { ec } : {}),
    ...(stringToSign !== undefined ? { stringToSign } : {}),
    details,
  };
}

/**
 * PutLiveChannel body, without an XML declaration, text escaped by the builder. Absent optional fields are omitted
 * (not sent empty) so OSS applies its defaults; Target/Type is always HLS.
 */
export function buildLiveChannelConfiguration(input: LiveChannelInput): string {
  const target: Record<string, string | number> = { Type: 'HLS' };
  if (input.fragDuration !== undefined) target.FragDuration = input.fragDuration;
  if (input.fragCount !== undefined) target.FragCount = input.fragCount;
  if (input.playlistName) target.PlaylistName = input.playlistName;
  const configuration: Record<string, unknown> = {};
  if (input.description) configuration.Description = input.description;
  if (input.status) configuration.Status = input.status;
  configuration.Target = target;
  if (input.snapshot) {
    const { roleName, destBucket, notifyTopic, interval } = input.snapshot;
    configuration.Snapshot = { RoleName: roleName, DestBucket: destBucket, NotifyTopic: notifyTopic, Interval: interval };
  }
  return String(builder.build({ LiveChannelConfiguration: configuration }));
}
