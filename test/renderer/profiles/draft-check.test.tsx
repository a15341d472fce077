// @vitest-environment jsdom
/**
 * "Test OSS" / "Test OBS" test the profile form as it is, before any save, on the real app runtime: a new profile
 * against the embedded emulator, an edit that changes the AccessKey ID but keeps the stored secret, the Local profile with
 * an OBS address where nothing listens, and fields a test needs that break a rule (named, and nothing sent).
 */
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator';
import type { MethodArgs, MethodName, MethodResult, RendererApi } from '../../../shared/api';
import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n } from '../../../renderer/src/i18n';
import { ProfilesScreen } from '../../../renderer/src/screens/ProfilesScreen';
import { freePort } from '../../support/listening-ports';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';
import { emulatorProfile } from '../../support/emulator-profile';

// A real app on two busy cores: give each wait for the screen more than the default second.
configure({ asyncUtilTimeout: 5_000 });

describe('testing the profile form before saving it', () => {
  let app: InProcessApp;
  let api: TrackedApi;
  let emulator: RunningEmulator;
  /** Every profiles.check the screen made. */
  const checks: unknown[][] = [];

  beforeAll(async () => {
    app = await startInProcessApp();
    const { api: inProcess } = app;
    const noting: RendererApi = {
      invoke<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>> {
        if (method === 'profiles.check') checks.push(args);
        return inProcess.invoke(method, ...args);
      },
      on: (event, listener) => inProcess.on(event, listener),
    };
    api = trackedApi(noting);
    const instance = app.runtime.context.emulator.instance;
    if (!instance) throw new Error('the embedded emulator did not start');
    emulator = instance;
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

  const renderScreen = () =>
    render(
      <ApiProvider value={{ ...api }}>
        <ProfilesScreen />
      </ApiProvider>,
    );
  const input = (label: string): HTMLInputElement => screen.getByLabelText<HTMLInputElement>(label);
  const checkResult = async (target: 'oss' | 'obs'): Promise<HTMLElement> => {
    // Settled when it says ok or failed, not "testing…".
    await waitFor(() => expect(document.querySelector(`[data-check="${target}"]`)?.className).toMatch(/\b(ok|error)\b/));
    const element = document.querySelector<HTMLElement>(`[data-check="${target}"]`);
    if (!element) throw new Error(`no ${target} check result`);
    return element;
  };
  const savedNames = async (): Promise<string[]> => (await app.api.invoke('profiles.list')).profiles.map((profile) => profile.name);

  it('tests a new profile against the emulator before it is saved, and saves nothing', async () => {
    const user = userEvent.setup();
    renderScreen();
    await screen.findByRole('button', { name: 'Edit profile Local' }); // The list (and keychain state) has loaded.
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    expect(screen.getByText('Tests use the settings in the form, saved or not; a test saves nothing.')).toBeTruthy();

    await user.type(input('Profile name'), 'Unsaved');
    await user.selectOptions(screen.getByLabelText('Region'), 'custom');
    await user.clear(input('Custom endpoint'));
    await user.type(input('Custom endpoint'), emulator.endpoint);
    await user.clear(input('Region id (for V4 signatures)'));
    await user.type(input('Region id (for V4 signatures)'), emulator.region);
    await user.type(input('Bucket'), emulator.bucket);
    await user.type(input('AccessKey ID'), emulator.accessKeyId);
    await user.type(input('AccessKey secret'), 'not-the-secret');

    // By keyboard: the button keeps its name.
    screen.getByRole('button', { name: 'Test OSS' }).focus();
    await user.keyboard('{Enter}');
    const wrong = await checkResult('oss');
    expect(wrong.className).toContain('error');
    expect(wrong.textContent).toMatch(/^OSS: Failed — .*secret/i);

    await user.clear(input('AccessKey secret'));
    await user.type(input('AccessKey secret'), emulator.accessKeySecret);
    await user.click(screen.getByRole('button', { name: 'Test OSS' }));
    await waitFor(() => expect(document.querySelector('[data-check="oss"]')?.className).toContain('ok'));
    const result = await checkResult('oss');
    expect(result.textContent).toMatch(new RegExp(`^OSS: OK — Connected to bucket ${emulator.bucket}`));
    expect(result.textContent).toMatch(/\(\d+ ms\)$/);

    // Still a new, unsaved form; the secret typed is only in its own field.
    expect(screen.getByRole('heading', { name: 'New profile' })).toBeTruthy();
    expect(await savedNames()).toEqual(['Local']);
    expect(document.body.textContent).not.toContain(emulator.accessKeySecret);
    const elsewhere = [...document.querySelectorAll('input')].filter((field) => field !== input('AccessKey secret'));
    for (const field of elsewhere) expect(field.value).not.toContain(emulator.accessKeySecret);
  });

  it('names the fields a test needs that break a rule, and sends nothing', async () => {
    const user = userEvent.setup();
    renderScreen();
    await screen.findByRole('button', { name: 'Edit profile Local' });
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    const before = checks.length;

    await user.click(screen.getByRole('button', { name: 'Test OSS' }));
    // The profile name is not needed to test OSS, so it is not asked for.
    expect(await screen.findByText('Some fields need attention: Bucket, AccessKey ID, AccessKey secret.')).toBeTruthy();
    // The name, left empty when the button was clicked, is flagged as any field left is; focus goes to what the test needs.
    expect(input('Profile name').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(input('Bucket')));
    expect(input('AccessKey secret').getAttribute('aria-invalid')).toBe('true');

    await user.clear(input('OBS websocket URL'));
    await user.type(input('OBS websocket URL'), 'http://127.0.0.1:4455');
    await user.click(screen.getByRole('button', { name: 'Test OBS' }));
    expect(await screen.findByText('Some fields need attention: OBS websocket URL.')).toBeTruthy();
    expect(input('OBS websocket URL').getAttribute('aria-invalid')).toBe('true');
    const description = input('OBS websocket URL').getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(description.split(' ').at(-1) ?? '')?.textContent).toMatch(/ws:\/\/ or wss:\/\//);

    expect(checks.length).toBe(before);
    expect(document.querySelector('[data-check]')).toBeNull();
  });

  it('tests an edit before saving it: the changed AccessKey ID, with the stored secret the form left empty', async () => {
    const user = userEvent.setup();
    await app.api.invoke('profiles.save', {
      profile: emulatorProfile(emulator, 'Edited'),
      secrets: { accessKeySecret: emulator.accessKeySecret },
    });
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Edit profile Edited' }));
    expect(input('AccessKey secret').value).toBe('');

    await user.clear(input('AccessKey ID'));
    await user.type(input('AccessKey ID'), 'LTAI-unknown-id');
    await user.click(screen.getByRole('button', { name: 'Test OSS' }));
    const unknown = await checkResult('oss');
    expect(unknown.className).toContain('error');
    expect(unknown.textContent).toMatch(/^OSS: Failed — .*AccessKey id is unknown/);

    await user.clear(input('AccessKey ID'));
    await user.type(input('AccessKey ID'), emulator.accessKeyId);
    await user.click(screen.getByRole('button', { name: 'Test OSS' }));
    await waitFor(() => expect(document.querySelector('[data-check="oss"]')?.className).toContain('ok'));

    const saved = (await app.api.invoke('profiles.list')).profiles.find((profile) => profile.name === 'Edited');
    expect(saved?.accessKeyId).toBe(emulator.accessKeyId);
  });

  it('says what is wrong with an OBS address typed for Local, before saving it', async () => {
    const user = userEvent.setup();
    const savedUrl = (await app.api.invoke('profiles.list')).profiles.find((profile) => profile.name === 'Local')?.obsWebSocketUrl;
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Edit profile Local' }));
    const nobody = `ws://127.0.0.1:${await freePort()}`;
    await user.clear(input('OBS websocket URL'));
    await user.type(input('OBS websocket URL'), nobody);
    await user.click(screen.getByRole('button', { name: 'Test OBS' }));

    const result = await checkResult('obs');
    expect(result.className).toContain('error');
    expect(result.textContent).toContain(`OBS: Failed — Could not connect to OBS at ${nobody}`);
    expect(result.textContent).toContain('Start OBS Studio');
    expect((await app.api.invoke('profiles.list')).profiles.find((profile) => profile.name === 'Local')?.obsWebSocketUrl).toBe(savedUrl);
  });
});
