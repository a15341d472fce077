/**
 * Ports for test servers: pick a free one, and see whether something listens on one without connecting to it.
 * Not connecting matters: `ffmpeg -listen 1` serves exactly one connection, so a probe connection would use it up.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** A TCP port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address for the probe server');
  return address.port;
}

/** Linux's socket tables: columns are `sl local_address rem_address st ...`, state 0A is LISTEN, ports in hex. */
const LISTEN = '0A';

async function listeningPorts(): Promise<Set<number>> {
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const hexPort = local?.split(':').at(-1);
      if (state === LISTEN && hexPort) ports.add(Number.parseInt(hexPort, 16));
    }
  }
  return ports;
}

/** True when some socket on this machine listens on the TCP port (any address). */
export async function isListening(port: number): Promise<boolean> {
  return (await listeningPorts()).has(port);
}

/** Polls `check` until it returns true (→ true) or `timeoutMs` passes (→ false). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
