/**
 * The controller's behaviour without OBS, over real sockets: bad options, calls while not connected, a closed port
 * and a server that accepts TCP but never speaks. Everything with OBS itself is in test/integration/obs.
 */
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ObsController } from '../../../electron/obs/controller';
import type { ConnectionState } from '../../../electron/obs/controller';
import { ObsError } from '../../../electron/obs/errors';
import { ValidationError } from '../../../shared/validation';
import { freePort } from '../../support/listening-ports';

describe('ObsController without OBS', () => {
  let silent: Server;
  let silentPort = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Accepts connections and never answers, like a hung OBS or the wrong service on the port.
    silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    silentPort = address.port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('names the option at fault', () => {
    const fieldOf = (run: () => unknown): string | undefined => {
      try {
        run();
        return undefined;
      } catch (error) {
        return error instanceof ValidationError ? error.field : String(error);
      }
    };
    expect(fieldOf(() => new ObsController({ url: 'http://127.0.0.1:4455' }))).toBe('url');
    expect(fieldOf(() => new ObsController({ url: 'ws://127.0.0.1:4455', requestTimeoutMs: 0 }))).toBe(
      'requestTimeoutMs',
    );
    expect(() => new ObsController({ url: 'ws://127.0.0.1:1', reconnect: { factor: 0 } })).toThrow(/reconnect\.factor/);
  });

  it('refuses requests and stream commands while not connected', async () => {
    const controller = new ObsController({ url: 'ws://127.0.0.1:1' });
    expect(controller.state).toBe('disconnected');
    await expect(controller.getStreamStatus()).rejects.toMatchObject({ kind: 'disconnected' });
    await expect(controller.startStream()).rejects.toMatchObject({ kind: 'disconnected' });
    await expect(controller.stopStream()).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('reports a closed port as unreachable, with advice, and ends disconnected', async () => {
    const url = `ws://127.0.0.1:${await freePort()}`;
    const controller = new ObsController({ url });
    const states: ConnectionState[] = [];
    controller.on('connection', (state) => states.push(state));
    const failure = await controller.connect().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ObsError);
    expect(failure).toMatchObject({ kind: 'unreachable' });
    expect((failure as ObsError).message).toContain(url);
    expect((failure as ObsError).message).toMatch(/ECONNREFUSED.*WebSocket Server Settings/);
    expect(states).toEqual(['connecting', 'disconnected']);
  });

  it('times out a server that accepts the connection but never completes the handshake', async () => {
    const controller = new ObsController({ url: `ws://127.0.0.1:${silentPort}`, requestTimeoutMs: 300 });
    await expect(controller.connect()).rejects.toMatchObject({ kind: 'timeout' });
    expect(controller.state).toBe('disconnected');
  });
});
