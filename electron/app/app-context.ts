import path from 'node:path';

import type { KeychainStatus } from '../../shared/api';
import { EventHub } from '../api/event-hub';
import { FileBroadcastHistory } from '../history';
import type { ProfileStore, SecretStore } from '../keychain';
import { KeychainUnavailableError, OsKeychain, ProfileStore as Store } from '../keychain';
import type { BroadcastServices } from '../services';
import { openBroadcastServices, resolveConnection } from '../services';
import { EmbeddedEmulator } from './embedded-emulator';

export interface AppContextOptions {
  mode: 'desktop' | 'browser';
  version: string;
  /** The user data directory: profiles, history, saved OBS settings, the embedded emulator's data, exports. */
  dataDir: string;
  /** Default: the OS keychain (Secret Service on Linux). */
  secrets?: SecretStore;
  log?: (event: string, details: Record<string, unknown>) => void;
}

const KEYCHAIN_PROBE_SERVICE = 'OSS Live Companion probe';
const KEYCHAIN_PROBE_ACCOUNT = 'availability-check';

/**
 * What every API handler works with: the profile store, the services for the profile in use (rebuilt when it
 * changes), the broadcast history, the embedded emulator and the event hub. Plain Node, shared by both transports.
 */
export class AppContext {
  readonly events = new EventHub();
  readonly profiles: ProfileStore;
  readonly history: FileBroadcastHistory;
  readonly emulator: EmbeddedEmulator;
  readonly log: (event: string, details: Record<string, unknown>) => void;
  private readonly secrets: SecretStore;
  private current: { name: string; services: Promise<BroadcastServices> } | undefined;
  /** Set once a probe succeeded: the screens ask often, and a working keychain does not need writing to each time. */
  private keychainWorks = false;

  constructor(readonly options: AppContextOptions) {
    this.log = options.log ?? (() => undefined);
    this.secrets = options.secrets ?? new OsKeychain();
    this.emulator = new EmbeddedEmulator(options.dataDir, this.log);
    this.profiles = new Store({ secrets: this.secrets, dataDir: options.dataDir, local: () => this.emulator.connection() });
    this.history = new FileBroadcastHistory({ directory: path.join(options.dataDir, 'history') });
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** OSS client, OBS controller and go-live dependencies for the profile in use. */
  async services(): Promise<BroadcastServices> {
    const profile = await this.profiles.current();
    if (this.current?.name !== profile.name) {
      await this.invalidate();
      const services = resolveConnection({ explicit: {} }, () => this.profiles).then((connection) =>
        openBroadcastServices(connection, { dataDir: this.dataDir, history: this.history }),
      );
      services.catch(() => {
        if (this.current?.services === services) this.current = undefined;
      });
      this.current = { name: profile.name, services };
    }
    return this.current.services;
  }

  /** Drops the services of the profile in use (its settings or secrets changed, or another profile is in use). */
  async invalidate(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    if (previous) await previous.services.then((services) => services.close()).catch(() => undefined);
  }

  /**
   * Whether secrets can be stored. Only a write tells: a locked keyring, or a Secret Service without a default
   * keyring, answers reads with "nothing found", so this stores and deletes a throwaway entry (not a secret) under its
   * own service name, never touching profile entries. (Should it fail later, saving a profile says so itself.)
   */
  async keychain(): Promise<KeychainStatus> {
    if (this.keychainWorks) return { available: true };
    try {
      await this.secrets.setPassword(KEYCHAIN_PROBE_SERVICE, KEYCHAIN_PROBE_ACCOUNT, 'availability check');
      await this.secrets.deletePassword(KEYCHAIN_PROBE_SERVICE, KEYCHAIN_PROBE_ACCOUNT);
      this.keychainWorks = true;
      return { available: true };
    } catch (error) {
      // KeychainUnavailableError says what is missing and how to fix it; anything else is shown as it is.
      if (error instanceof KeychainUnavailableError) return { available: false, message: error.message, text: error.text };
      return { available: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    await this.invalidate();
    await this.emulator.stop();
  }
}
