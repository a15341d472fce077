import type { SecretStore } from './secret-store';

/** Set an account's password, or delete it (null). */
export interface SecretChange {
  account: string;
  value: string | null;
}

/** Puts the accounts back as they were before {@link applySecretChanges}. */
export type UndoSecretChanges = () => Promise<void>;

/**
 * Applies keychain changes in order, remembering each account's previous value. If one fails, those already made are
 * undone before the error is rethrown; on success the caller gets an undo for when a later step (the profile file
 * write) fails. Either way a failure leaves no half-updated profile behind.
 */
export async function applySecretChanges(
  store: SecretStore,
  service: string,
  changes: readonly SecretChange[],
): Promise<UndoSecretChanges> {
  const previous: SecretChange[] = [];
  const undo = async (): Promise<void> => {
    // Best effort: the original error is the one worth reporting, and a keychain that just failed may fail again.
    for (const change of [...previous].reverse()) await apply(store, service, change).catch(() => undefined);
  };
  try {
    for (const change of changes) {
      const before = await store.getPassword(service, change.account);
      if (before === change.value) continue;
      await apply(store, service, change);
      previous.push({ account: change.account, value: before });
    }
  } catch (error) {
    await undo();
    throw error;
  }
  return undo;
}

async function apply(store: SecretStore, service: string, { account, value }: SecretChange): Promise<void> {
  if (value === null) await store.deletePassword(service, account);
  else await store.setPassword(service, account, value);
}
