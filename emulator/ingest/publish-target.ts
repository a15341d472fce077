/**
 * Which bucket and channel an RTMP publish addresses. OSS's ingest URL is `rtmp://<bucket>.<host>/live/<channel>`;
 * the emulator, reached by IP, also takes the bucket from the app (`rtmp://127.0.0.1/<bucket>/live/<channel>`, the
 * form its PublishUrls use for non-default buckets) and falls back to the default bucket for a plain `live`.
 */
import { resolveAddress } from '../http/addressing';
import { ERRORS, OssServiceError } from '../errors';

export interface PublishTarget {
  bucket: string;
  channel: string;
}

/** The RTMP application OSS uses; nothing else is served. */
const LIVE_APP = 'live';

/**
 * The bucket and channel of a publish with `app` (e.g. `live`, `mybucket/live`) and tcUrl host `host`.
 * Throws OssServiceError: NoSuchBucket for an unknown bucket (in the app, or a `x.localhost` host),
 * InvalidArgument for an app other than `live` / `<bucket>/live`.
 */
export function resolvePublishTarget(
  request: { app: string; host: string; streamName: string },
  buckets: { isKnown(bucket: string): boolean; defaultBucket: string },
): PublishTarget {
  const parts = request.app.split('/').filter((part) => part !== '');
  if (parts.length === 2 && parts[1] === LIVE_APP) {
    const [bucket = ''] = parts;
    if (!buckets.isKnown(bucket)) throw new OssServiceError(ERRORS.noSuchBucket, undefined, [['BucketName', bucket]]);
    return { bucket, channel: request.streamName };
  }
  if (parts.length === 1 && parts[0] === LIVE_APP) {
    // The same rule as the HTTP API's virtual-hosted addressing, so `bucket.localhost` means one thing everywhere.
    const { bucket } = resolveAddress(request.host, '/', (name) => buckets.isKnown(name), buckets.defaultBucket);
    return { bucket, channel: request.streamName };
  }
  throw new OssServiceError(ERRORS.invalidArgument, `RTMP application must be "live" or "<bucket>/live" (got "${request.app}").`);
}
