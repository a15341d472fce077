/**
 * Composition for go-live, stop and monitoring: from a resolved connection, the OSS client, the OBS controller, the
 * saved-OBS-settings store and the history, wired into the dependencies `goLive` / `stopBroadcast` take. The CLI
 * builds one per command; the app one per profile in use (AppContext).
 */
import path from 'node:path';

import type { GoLiveDeps } from '../golive';
import { ObsSnapshotStore, goLiveObs } from '../golive';
import { FileBroadcastHistory } from '../history';
import type { BroadcastHistory } from '../history';
import { ObsController } from '../obs';
import { OssLiveClient } from '../oss';
import { objectUrl, parseEndpoint } from '../oss/endpoint';
import type { ResolvedConnection } from './connection';

/** What the history records a broadcast under when no profile was involved (flags / environment only). */
export const NO_PROFILE_LABEL = '(environment)';

export interface BroadcastServices {
  connection: ResolvedConnection;
  client: OssLiveClient;
  obs: ObsController;
  /** Ready for `goLive(deps, ...)` and `stopBroadcast(deps, ...)`. */
  deps: GoLiveDeps;
  /** Disconnects from OBS (a stream keeps running: OBS owns it). */
  close(): Promise<void>;
}

export interface BroadcastServicesOptions {
  /** User data directory: where the saved OBS settings and the broadcast history live. */
  dataDir: string;
  /** Default: the history files under `<dataDir>/history`. */
  history?: BroadcastHistory;
}

/** Builds the services for one connection. Nothing connects until a method is called. */
export function openBroadcastServices(connection: ResolvedConnection, options: BroadcastServicesOptions): BroadcastServices {
  const client = new OssLiveClient(connection.oss);
  const obs = new ObsController({
    url: connection.obs.url,
    ...(connection.obs.password === undefined ? {} : { password: connection.obs.password }),
  });
  const endpoint = parseEndpoint(connection.oss.endpoint);
  const { bucket } = connection.oss;
  const deps: GoLiveDeps = {
    oss: client,
    obs: goLiveObs(obs),
    obsUrl: connection.obs.url,
    snapshots: new ObsSnapshotStore(options.dataDir),
    profile: connection.profileName ?? NO_PROFILE_LABEL,
    bucket,
    playUrl: (channel, playlistName) => objectUrl(endpoint, bucket, `${channel}/${playlistName}`, {}),
    history: options.history ?? new FileBroadcastHistory({ directory: path.join(options.dataDir, 'history') }),
  };
  return { connection, client, obs, deps, close: () => obs.disconnect() };
}
