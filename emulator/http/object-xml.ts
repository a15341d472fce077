/** ListObjects (v1) and ListObjectsV2 result documents, element order as OSS writes them. */
import type { ObjectPage, ObjectRecord } from '../storage/object-store';
import { document, isoTime, leaf, node } from './xml';

/** The emulator's single account, shown as every object's Owner (ali-oss's v1 list reads Owner.ID). */
export const OWNER = { id: '1000000000000000', displayName: '1000000000000000' } as const;

function contents(record: ObjectRecord, withOwner: boolean): string {
  return node('Contents', [
    leaf('Key', record.key),
    leaf('LastModified', isoTime(record.lastModified)),
    leaf('ETag', record.etag),
    leaf('Type', 'Normal'),
    leaf('Size', record.size),
    leaf('StorageClass', 'Standard'),
    ...(withOwner ? [node('Owner', [leaf('ID', OWNER.id), leaf('DisplayName', OWNER.displayName)])] : []),
  ]);
}

const commonPrefixes = (page: ObjectPage): string[] => page.commonPrefixes.map((prefix) => node('CommonPrefixes', [leaf('Prefix', prefix)]));

export interface ListV1Query {
  bucket: string;
  prefix: string;
  marker: string;
  delimiter: string;
  maxKeys: number;
}

export function listBucketResultV1(query: ListV1Query, page: ObjectPage): string {
  return document(
    node('ListBucketResult', [
      leaf('Name', query.bucket),
      leaf('Prefix', query.prefix),
      leaf('Marker', query.marker),
      leaf('MaxKeys', query.maxKeys),
      leaf('Delimiter', query.delimiter),
      leaf('IsTruncated', page.isTruncated),
      ...(page.isTruncated && page.next !== undefined ? [leaf('NextMarker', page.next)] : []),
      ...page.objects.map((record) => contents(record, true)),
      ...commonPrefixes(page),
    ]),
  );
}

export interface ListV2Query {
  bucket: string;
  prefix: string;
  delimiter: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
  fetchOwner: boolean;
}

export function listBucketResultV2(query: ListV2Query, page: ObjectPage, nextContinuationToken: string | undefined): string {
  return document(
    node('ListBucketResult', [
      leaf('Name', query.bucket),
      leaf('Prefix', query.prefix),
      ...(query.continuationToken !== undefined ? [leaf('ContinuationToken', query.continuationToken)] : []),
      leaf('MaxKeys', query.maxKeys),
      leaf('Delimiter', query.delimiter),
      ...(query.startAfter !== undefined ? [leaf('StartAfter', query.startAfter)] : []),
      leaf('IsTruncated', page.isTruncated),
      leaf('KeyCount', page.objects.length + page.commonPrefixes.length),
      ...(nextContinuationToken !== undefined ? [leaf('NextContinuationToken', nextContinuationToken)] : []),
      ...page.objects.map((record) => contents(record, query.fetchOwner)),
      ...commonPrefixes(page),
    ]),
  );
}
