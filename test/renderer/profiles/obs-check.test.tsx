// @vitest-environment jsdom
/**
 * "Test OBS" against a real OBS Studio (headless, obs-websocket with a password): the address and password typed
 * test before any save; the password is typed once into the write-only field and used from the keychain afterwards,
 * an edited address included; a wrong password and an OBS that is not running each fail with a message.
 */
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n } from '../../../renderer/src/i18n';
import { ProfilesScreen } from '../../../renderer/src/screens/ProfilesScreen';
import { freePort } from '../../support/listening-ports';
import type { ObsInstance } from '../../support/obs-headless';
import { startObs } from '../../support/obs-headless';
import { needs } from '../../support/tools';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';

// A real app on two busy cores: give each wait for the screen more than the default second.
configure({ asyncUtilTimeout: 5_000 });

describe.runIf(needs('obs', 'Xvfb'))('Test OBS on the Profiles screen', () => {
  let app: InProcessApp;
  let api: TrackedApi;
  let obs: ObsInstance;

  beforeAll(async () => {
    [app, obs] = await Promise.all([startInProcessApp(), startObs()]);
    api = trackedApi(app.api);
    await initI18n('en');
  });
  afterEach(async () => {
    cleanup();
    await api.settled();
  });
  afterAll(async () => {
    await api?.settled();
    await obs?.stop();
    await app?.close();
  });

  const obsResult = async (): Promise<HTMLElement> => {
    await waitFor(() => expect(document.querySelector('[data-check="obs"]')?.className).toMatch(/ok|error/));
    return document.querySelector<HTMLElement>('[data-check="obs"]') as HTMLElement;
  };

  it('connects with the saved password, and says what is wrong otherwise', async () => {
    const user = userEvent.setup();
    render(
      <ApiProvider value={{ ...api }}>
        <ProfilesScreen />
      </ApiProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Edit profile Local' }));
    const url = screen.getByLabelText<HTMLInputElement>('OBS websocket URL');
    await user.clear(url);
    await user.type(url, obs.url);
    await user.type(screen.getByLabelText('OBS websocket password'), obs.password);
    // The form as typed, before it is saved.
    await user.click(screen.getByRole('button', { name: 'Test OBS' }));
    expect((await obsResult()).className).toContain('ok');
    const local = async () => (await api.invoke('profiles.list')).profiles.find((profile) => profile.name === 'Local');
    expect((await local())?.obsWebSocketUrl).not.toBe(obs.url);
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Profile Local saved.')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(obs.password);

    await user.click(screen.getByRole('button', { name: 'Test OBS' }));
    const ok = await obsResult();
    expect(ok.className).toContain('ok');
    expect(ok.textContent).toMatch(/^OBS: OK — Connected to OBS 29\.[\d.]+ \(obs-websocket 5\.[\d.]+\)/);

    // An edited address, not saved, with the password field left empty: the saved password goes with it.
    await user.clear(url);
    await user.type(url, `${obs.url}/`);
    await user.click(screen.getByRole('button', { name: 'Test OBS' }));
    await waitFor(() => expect(document.querySelector('[data-check="obs"]')?.textContent).toContain(`${obs.url}/`));
    expect((await obsResult()).className).toContain('ok');
    expect((await local())?.obsWebSocketUrl).toBe(obs.url);

    await user.type(screen.getByLabelText('OBS websocket password'), 'not-the-password');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(document.querySelector('[data-check="obs"]')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Test OBS' }));
    const wrong = await obsResult();
    expect(wrong.className).toContain('error');
    expect(wrong.textContent).toMatch(/password/i);

    await user.clear(url);
    await user.type(url, `ws://127.0.0.1:${await freePort()}`);
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(document.querySelector('[data-check="obs"]')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Test OBS' }));
    const absent = await obsResult();
    expect(absent.className).toContain('error');
    expect(absent.textContent).toMatch(/^OBS: Failed — /);
  });
});
