/** What every route handler gets: the request, where it is addressed, who signed it, and the emulator's parts. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { CredentialAuthority } from '../credentials';
import type { EmulatorState } from '../state/emulator-state';
import type { Address, Query } from './addressing';
import type { Authentication } from './authenticate';
import type { ResponseContext } from './respond';

/** Bucket ACL: who may do what without a signature. */
export type BucketAcl = 'private' | 'public-read' | 'public-read-write';

/** Where a channel is published to and played from (depends on the ports the servers got). */
export interface ChannelUrlMaker {
  publishUrl(bucket: string, channel: string): string;
  playUrl(bucket: string, channel: string, playlistName: string): string;
}

export interface HandlerDeps {
  state: EmulatorState;
  authority: CredentialAuthority;
  region: string;
  defaultBucket: string;
  acl: BucketAcl;
  urls: ChannelUrlMaker;
  /** PutObject bodies larger than this are refused with EntityTooLarge. */
  maxObjectBytes: number;
  now: () => Date;
  log: (event: string, details: Record<string, unknown>) => void;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  response: ResponseContext;
  address: Address;
  query: Query;
  /** Lower-case header names, repeated headers joined. */
  headers: Readonly<Record<string, string>>;
  auth: Authentication;
  deps: HandlerDeps;
}
