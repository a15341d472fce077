import type { SecretStore, StoredCredential } from './secret-store';

/**
 * A {@link SecretStore} that lives in memory: for tests of the file format, and for "use this key for this session
 * only" when no system keychain exists. Nothing survives the process.
 */
export class MemorySecretStore implements SecretStore {
  private readonly entries = new Map<string, Map<string, string>>();

  async getPassword(service: string, account: string): Promise<string | null> {
    return this.entries.get(service)?.get(account) ?? null;
  }

  async setPassword(service: string, account: string, password: string): Promise<void> {
    const accounts = this.entries.get(service) ?? new Map<string, string>();
    accounts.set(account, password);
    this.entries.set(service, accounts);
  }

  async deletePassword(service: string, account: string): Promise<boolean> {
    return this.entries.get(service)?.delete(account) ?? false;
  }

  async findCredentials(service: string): Promise<StoredCredential[]> {
    return [...(this.entries.get(service) ?? [])].map(([account, password]) => ({ account, password }));
  }
}
