/**
 * Binds one TCP socket to one RtmpSession: feeds it the socket's bytes, writes what it sends, pauses reading while
 * a publish is being decided, and enforces the setup and idle timeouts and a bound on unsent output.
 */
import type { Socket } from 'node:net';
import { formatRemoteAddress } from './publish-request';
import { RtmpSession } from './session';
import type { PublishDecision, PublishRequest } from './types';

export interface ConnectionOptions {
  handshakeTimeoutMs: number;
  idleTimeoutMs: number;
  maxMessageSize: number;
  onPublish(request: PublishRequest): Promise<PublishDecision>;
  log(event: string, details: Record<string, unknown>): void;
}

/** A peer that does not read what we send (acks, ping responses) is cut off past this much unsent output. */
const MAX_UNSENT_BYTES = 1024 * 1024;
/** After a graceful end, how long the peer gets to close its side before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

export class RtmpConnection {
  readonly session: RtmpSession;
  /** Resolves when the socket has fully closed. */
  readonly closed: Promise<void>;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly socket: Socket,
    options: ConnectionOptions,
  ) {
    const remoteAddress = formatRemoteAddress(socket.remoteAddress, socket.remotePort);
    socket.setNoDelay(true);
    this.session = new RtmpSession({
      remoteAddress,
      maxMessageSize: options.maxMessageSize,
      onPublish: options.onPublish,
      log: options.log,
      send: (bytes) => this.write(bytes),
      close: () => this.end(),
      pauseInput: (paused) => (paused ? socket.pause() : socket.resume()),
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        for (const timer of this.timers) clearTimeout(timer);
        this.session.terminate('disconnected');
        resolve();
      });
    });

    socket.on('data', (bytes: Buffer) => {
      this.session.receive(bytes);
      if (!this.session.settingUp) this.clearSetupTimer();
    });
    socket.on('error', (error) => options.log('rtmp.socket-error', { remoteAddress, error: error.message }));
    socket.setTimeout(options.idleTimeoutMs, () => {
      options.log('rtmp.idle-timeout', { remoteAddress, phase: this.session.state });
      this.session.terminate('disconnected');
      socket.destroy();
    });
    this.timers.push(
      setTimeout(() => {
        if (!this.session.settingUp) return;
        options.log('rtmp.setup-timeout', { remoteAddress, phase: this.session.state });
        this.session.terminate('protocol-error');
      }, options.handshakeTimeoutMs),
    );
  }

  private clearSetupTimer(): void {
    const setup = this.timers[0];
    if (setup !== undefined) clearTimeout(setup);
  }

  private write(bytes: Buffer): void {
    if (this.socket.destroyed || !this.socket.writable) return;
    this.socket.write(bytes);
    if (this.socket.writableLength > MAX_UNSENT_BYTES) this.socket.destroy();
  }

  /** Flushes, half-closes, keeps draining input so the peer can read our last words, then destroys after a grace. */
  private end(): void {
    this.socket.resume();
    this.socket.end();
    this.timers.push(setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS));
  }
}
