/**
 * A real TCP relay on 127.0.0.1 for tests that need to cut a network path and restore it: OBS publishes to the
 * relay, the relay forwards to the RTMP ingest. `cut()` drops every connection (both sides see it close) and refuses
 * new ones until `restore()`, which is what a network outage looks like to OBS and to the server.
 */
import { connect, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export interface TcpRelay {
  port: number;
  /** Drops every relayed connection and refuses new ones. */
  cut(): void;
  restore(): void;
  /** Connections accepted while not cut. */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startTcpRelay(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpRelay> {
  const pairs = new Set<[Socket, Socket]>();
  let cut = false;
  let accepted = 0;
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    accepted += 1;
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const dropAll = (): void => {
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      cut = true;
      dropAll();
    },
    restore() {
      cut = false;
    },
    get accepted() {
      return accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
