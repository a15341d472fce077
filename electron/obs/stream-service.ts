/**
 * OBS's stream destination ("stream service"). obs-websocket v5 persists whatever is set to the user's profile
 * (service.json), so the app snapshots the user's own service before pointing OBS at OSS and puts it back after.
 *
 * OBS merges new settings into the current ones when the service type stays the same, so the target sets every field
 * it relies on explicitly (a stale `use_auth` or key must not survive), and a restore of the same type first moves to
 * another type so the snapshot is applied whole instead of merged.
 */
import type { OBSRequestTypes, OBSResponseTypes } from 'obs-websocket-js/json';

import { ValidationError } from '../../shared/validation';

/** Exactly what GetStreamServiceSettings returned: persist it as is, give it back to restore. */
export type StreamServiceSnapshot = OBSResponseTypes['GetStreamServiceSettings'];

/** A custom RTMP destination: the server URL (up to the app name) and the stream key (may carry a query string). */
export interface RtmpCustomTarget {
  type: 'rtmp_custom';
  /** e.g. `rtmp://bucket.oss-cn-hangzhou.aliyuncs.com/live` */
  server: string;
  /** e.g. `channel?Expires=…&OSSAccessKeyId=…&Signature=…` — a secret: never log it. */
  key: string;
  /** RTMP username/password authentication (not used by OSS); off unless both are given. */
  username?: string;
  password?: string;
}

/** Validates a target and turns it into the SetStreamServiceSettings request. */
export function rtmpCustomRequest(target: RtmpCustomTarget): OBSRequestTypes['SetStreamServiceSettings'] {
  if (!/^rtmps?:\/\/[^/\s]+/i.test(target.server)) {
    throw new ValidationError('server', 'must be an rtmp:// or rtmps:// URL with a host');
  }
  if (target.key.length === 0) throw new ValidationError('key', 'must not be empty');
  const useAuth = Boolean(target.username && target.password);
  return {
    streamServiceType: 'rtmp_custom',
    streamServiceSettings: {
      server: target.server,
      key: target.key,
      use_auth: useAuth,
      username: useAuth ? (target.username ?? '') : '',
      password: useAuth ? (target.password ?? '') : '',
    },
  };
}

type SetServiceRequest = OBSRequestTypes['SetStreamServiceSettings'];

/**
 * obs-websocket refuses an empty settings object (status 403) but drops null values, so this sets no settings at all:
 * the way to give back a service that had none (a fresh OBS has `rtmp_common` with `{}`).
 */
const NO_SETTINGS = { none: null };

/**
 * The SetStreamServiceSettings requests that make OBS's service exactly `snapshot` again, given what OBS has now:
 * none when it already matches; one when the type differs (OBS then builds a new service from the settings alone);
 * two when the type is the same but the settings differ, passing through another type first so the snapshot is not
 * merged into the current settings.
 */
export function restoreRequests(current: StreamServiceSnapshot, snapshot: StreamServiceSnapshot): SetServiceRequest[] {
  if (sameJson(current, snapshot)) return [];
  const hasSettings = Object.keys(snapshot.streamServiceSettings).length > 0;
  const settings = hasSettings ? snapshot.streamServiceSettings : NO_SETTINGS;
  const restore = { streamServiceType: snapshot.streamServiceType, streamServiceSettings: settings };
  if (current.streamServiceType !== snapshot.streamServiceType) return [restore];
  const detourType = snapshot.streamServiceType === 'rtmp_custom' ? 'rtmp_common' : 'rtmp_custom';
  return [{ streamServiceType: detourType, streamServiceSettings: NO_SETTINGS }, restore];
}

/** Structural equality of JSON values, ignoring object key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  const bRecord = b as Record<string, unknown>;
  const aRecord = a as Record<string, unknown>;
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && sameJson(aRecord[key], bRecord[key]));
}
