// @vitest-environment jsdom
/**
 * No system keychain (a Secret Service that is not running): the screen says so prominently, secrets cannot be
 * typed or saved, a new profile cannot be saved, and the built-in Local profile still works.
 */
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { SecretStore } from '../../../electron/keychain';
import { KeychainUnavailableError } from '../../../electron/keychain';
import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n } from '../../../renderer/src/i18n';
import { ProfilesScreen } from '../../../renderer/src/screens/ProfilesScreen';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';

/** What the OS keychain adapter throws when no Secret Service answers on the session bus. */

// A real app on two busy cores: give each wait for the screen more than the default second.
configure({ asyncUtilTimeout: 5_000 });

const missingKeychain = (): never => {
  throw new KeychainUnavailableError('no-secret-service');
};
const noKeychain: SecretStore = {
  getPassword: async () => missingKeychain(),
  setPassword: async () => missingKeychain(),
  deletePassword: async () => missingKeychain(),
  findCredentials: async () => missingKeychain(),
};

describe('Profiles screen without a keychain', () => {
  let app: InProcessApp;
  let api: TrackedApi;

  beforeAll(async () => {
    app = await startInProcessApp({ secrets: noKeychain });
    api = trackedApi(app.api);
    await initI18n('en');
  });
  afterEach(async () => {
    cleanup();
    await api.settled();
  });
  afterAll(async () => {
    await api?.settled();
    await app?.close();
  });

  it('says so, disables secrets and new profiles, and still lets Local change its OBS address', async () => {
    const user = userEvent.setup();
    render(
      <ApiProvider value={{ ...api }}>
        <ProfilesScreen />
      </ApiProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The system keychain is not available')).toBeTruthy();
    expect(alert.textContent).toContain(new KeychainUnavailableError('no-secret-service').message);
    expect(alert.textContent).toContain('The built-in Local profile still works.');

    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    for (const label of ['AccessKey secret', 'STS security token', 'OBS websocket password']) {
      const field = screen.getByLabelText<HTMLInputElement>(label);
      expect(field.disabled).toBe(true);
      expect(field.placeholder).toBe('Unavailable without a keychain');
    }
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save profile' }).disabled).toBe(true);
    expect(screen.getByText(/A new profile needs its AccessKey secret saved in the keychain/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Edit profile Local' }));
    expect(screen.getByLabelText<HTMLInputElement>('OBS websocket password').disabled).toBe(true);
    const url = screen.getByLabelText<HTMLInputElement>('OBS websocket URL');
    await user.clear(url);
    await user.type(url, 'ws://127.0.0.1:4499');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Profile Local saved.')).toBeTruthy();
    expect((await app.api.invoke('profiles.list')).profiles[0]?.obsWebSocketUrl).toBe('ws://127.0.0.1:4499');
  });
});
