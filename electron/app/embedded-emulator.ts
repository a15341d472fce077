import path from 'node:path';

import type { RunningEmulator } from '../../emulator';
import { startEmulator } from '../../emulator';
import type { LocalConnection } from '../keychain';
import { NoOssConfiguredError, readLocalConnection } from '../services';
import { localConnectionOf } from '../services/local-connection';

/**
 * The built-in Local profile's OSS: an emulator that `oss-live local` already runs (announced in local.json), or one
 * this app starts in-process on first need, with its data under `<dataDir>/emulator`.
 */
export class EmbeddedEmulator {
  private starting: Promise<RunningEmulator> | undefined;
  private running: RunningEmulator | undefined;
  /** Set by stop(): a late call must not bring the emulator back while the app shuts down. */
  private stopped = false;

  constructor(
    private readonly dataDir: string,
    private readonly log: (event: string, details: Record<string, unknown>) => void = () => undefined,
  ) {}

  /** The emulator's address and credentials, starting it when nothing else provides one. */
  async connection(): Promise<LocalConnection> {
    if (!this.running) {
      try {
        return await readLocalConnection(this.dataDir);
      } catch (error) {
        if (!(error instanceof NoOssConfiguredError)) throw error;
      }
    }
    return localConnectionOf(await this.start());
  }

  /** The in-process emulator, if this app started one. */
  get instance(): RunningEmulator | undefined {
    return this.running;
  }

  private start(): Promise<RunningEmulator> {
    if (this.stopped) return Promise.reject(new Error('the app is shutting down'));
    this.starting ??= startEmulator({
      dataDir: path.join(this.dataDir, 'emulator'),
      httpPort: 0,
      rtmpPort: 0,
      log: this.log,
    }).then(
      (emulator) => (this.running = emulator),
      (error: unknown) => {
        this.starting = undefined;
        throw error;
      },
    );
    return this.starting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const starting = this.starting;
    await starting?.catch(() => undefined);
    const running = this.running;
    this.running = undefined;
    this.starting = undefined;
    await running?.stop();
  }
}
