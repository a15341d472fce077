// @vitest-environment jsdom
/**
 * The Profiles & OBS screen on the real app runtime: the built-in Local profile, adding a profile that points at the
 * embedded emulator (its secret never in the DOM), editing without retyping secrets, removing an optional secret,
 * renaming, testing OSS with a right and a wrong secret, using and removing a profile, and the Chinese UI.
 */
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator';
import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n, setLanguage } from '../../../renderer/src/i18n';
import { ProfilesScreen } from '../../../renderer/src/screens/ProfilesScreen';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';
import { emulatorProfile } from '../../support/emulator-profile';

// A real app on two busy cores: give each wait for the screen more than the default second.
configure({ asyncUtilTimeout: 5_000 });

describe('Profiles screen', () => {
  let app: InProcessApp;
  let api: TrackedApi;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    app = await startInProcessApp();
    api = trackedApi(app.api);
    const instance = app.runtime.context.emulator.instance;
    if (!instance) throw new Error('the embedded emulator did not start');
    emulator = instance;
    await initI18n('en');
  });
  afterEach(async () => {
    cleanup();
    await setLanguage('en');
    await api.settled();
  });
  afterAll(async () => {
    await api?.settled();
    await app?.close();
  });

  /** The screen with stores of its own (stores are kept per API object). */
  const renderScreen = () =>
    render(
      <ApiProvider value={{ ...api }}>
        <ProfilesScreen />
      </ApiProvider>,
    );

  const addViaApi = (name: string, secrets: { accessKeySecret: string; securityToken?: string }) =>
    app.api.invoke('profiles.save', {
      profile: emulatorProfile(emulator, name),
      secrets,
    });

  const input = (label: string): HTMLInputElement => screen.getByLabelText<HTMLInputElement>(label);
  const checkResult = async (target: 'oss' | 'obs'): Promise<HTMLElement> => {
    // Settled when it says ok or failed (in any language), not "testing…".
    await waitFor(() => expect(document.querySelector(`[data-check="${target}"]`)?.className).toMatch(/\b(ok|error)\b/));
    const element = document.querySelector<HTMLElement>(`[data-check="${target}"]`);
    if (!element) throw new Error(`no ${target} check result`);
    return element;
  };

  it('shows Local in use with its emulator settings read-only; only its OBS connection can change', async () => {
    const user = userEvent.setup();
    renderScreen();
    const localRow = (await screen.findByRole('button', { name: 'Edit profile Local' })).closest('tr');
    expect(localRow && within(localRow).getByText('In use')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Use profile Local' }).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Edit profile Local' }));
    expect(screen.getByRole('heading', { name: 'Local emulator (built-in)' })).toBeTruthy();
    for (const label of ['Profile name', 'Endpoint', 'Region id', 'Bucket', 'AccessKey ID']) expect(input(label).readOnly).toBe(true);
    expect(input('Endpoint').value).toBe(emulator.endpoint);
    expect(screen.getByLabelText<HTMLSelectElement>('Signature version').disabled).toBe(true);
    expect(screen.queryByLabelText('AccessKey secret')).toBeNull();
    // Focus lands on the first field that can change.
    expect(document.activeElement).toBe(input('OBS websocket URL'));

    await user.clear(input('OBS websocket URL'));
    await user.type(input('OBS websocket URL'), 'ws://127.0.0.1:4460');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Profile Local saved.')).toBeTruthy();
    const { profiles } = await app.api.invoke('profiles.list');
    expect(profiles.find((profile) => profile.name === 'Local')?.obsWebSocketUrl).toBe('ws://127.0.0.1:4460');
  });

  it('adds a profile with a custom endpoint; the secret never reaches the page; Test OSS passes', async () => {
    const user = userEvent.setup();
    renderScreen();
    await screen.findByRole('button', { name: 'Edit profile Local' }); // The list (and keychain state) has loaded.
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    expect(await screen.findByRole('heading', { name: 'New profile' })).toBeTruthy();
    expect(document.activeElement).toBe(input('Profile name'));

    await user.type(input('Profile name'), 'Studio');
    await user.selectOptions(screen.getByLabelText('Region'), 'custom');
    // The custom field starts from the endpoint chosen so far.
    expect(input('Custom endpoint').value).toBe('oss-cn-hangzhou.aliyuncs.com');
    await user.clear(input('Custom endpoint'));
    await user.type(input('Custom endpoint'), emulator.endpoint);
    await user.clear(input('Region id (for V4 signatures)'));
    await user.type(input('Region id (for V4 signatures)'), emulator.region);
    await user.type(input('Bucket'), emulator.bucket);
    await user.type(input('AccessKey ID'), emulator.accessKeyId);
    await user.type(input('AccessKey secret'), emulator.accessKeySecret);
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Profile Studio saved.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Edit Studio' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit profile Studio' })).toBeTruthy();
    const secretField = input('AccessKey secret');
    expect(secretField.value).toBe('');
    expect(secretField.closest('.field')?.textContent).toContain('Saved in keychain');
    expect(document.body.innerHTML).not.toContain(emulator.accessKeySecret);
    for (const field of document.querySelectorAll('input')) expect(field.value).not.toContain(emulator.accessKeySecret);

    await user.click(screen.getByRole('button', { name: 'Test OSS' }));
    const result = await checkResult('oss');
    expect(result.className).toContain('ok');
    expect(result.textContent).toMatch(/^OSS: OK — Connected to bucket/);
    expect(result.textContent).toMatch(/\(\d+ ms\)$/);
    expect(result.closest('[aria-live="polite"]')).toBeTruthy();
  });

  it('checks fields as they are left and on save, naming each one and focusing the first', async () => {
    const user = userEvent.setup();
    renderScreen();
    await screen.findByRole('button', { name: 'Edit profile Local' }); // The list (and keychain state) has loaded.
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    await user.type(input('Bucket'), 'Bad_Bucket');
    await user.tab();
    expect(input('Bucket').getAttribute('aria-invalid')).toBe('true');
    const description = input('Bucket').getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(description)?.textContent).toMatch(/^Bucket names are 3–63 lower-case letters/);
    // A field not visited yet is not flagged.
    expect(input('AccessKey ID').getAttribute('aria-invalid')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(screen.getByText('Some fields need attention: Profile name, Bucket, AccessKey ID, AccessKey secret.')).toBeTruthy();
    for (const label of ['Profile name', 'Bucket', 'AccessKey ID', 'AccessKey secret']) expect(input(label).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('Profile name'));
    expect((await app.api.invoke('profiles.list')).profiles.some((profile) => profile.bucket === 'Bad_Bucket')).toBe(false);

    // The built-in name is the main process's rule too; the form says so before sending anything.
    await user.type(input('Profile name'), 'local');
    await user.tab();
    expect(input('Profile name').getAttribute('aria-invalid')).toBe('true');
  });

  it('edits without retyping secrets, removes the STS token, renames, and reports a wrong secret', async () => {
    const user = userEvent.setup();
    await addViaApi('Keep', { accessKeySecret: emulator.accessKeySecret, securityToken: 'bogus-sts-token' });
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Edit profile Keep' }));

    // The emulator never issued that token: the test fails and says why.
    await user.click(screen.getByRole('button', { name: 'Test OSS' }));
    expect((await checkResult('oss')).className).toContain('error');

    await user.click(screen.getByRole('checkbox', { name: 'Remove the saved STS security token' }));
    expect(input('STS security token').disabled).toBe(true);
    await user.clear(input('OBS websocket URL'));
    await user.type(input('OBS websocket URL'), 'ws://127.0.0.1:4470');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Profile Keep saved.')).toBeTruthy();
    const keep = (await app.api.invoke('profiles.list')).profiles.find((profile) => profile.name === 'Keep');
    expect(keep?.secrets).toEqual({ accessKeySecret: true, securityToken: false, obsPassword: false });
    expect(keep?.obsWebSocketUrl).toBe('ws://127.0.0.1:4470');
    // Saving cleared the old result; the secret that was not retyped still signs.
    expect(document.querySelector('[data-check="oss"]')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Test OSS' }));
    expect((await checkResult('oss')).className).toContain('ok');

    await user.clear(input('Profile name'));
    await user.type(input('Profile name'), 'Keep renamed');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Profile Keep renamed saved.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit profile Keep' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Test OSS' }));
    expect((await checkResult('oss')).className).toContain('ok');

    await user.type(input('AccessKey secret'), 'definitely-wrong');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(input('AccessKey secret').value).toBe(''));
    await user.click(screen.getByRole('button', { name: 'Test OSS' }));
    const failed = await checkResult('oss');
    expect(failed.className).toContain('error');
    expect(failed.textContent).toMatch(/^OSS: Failed — .*secret/i);
  });

  it('switches the profile in use and removes one after a confirmation', async () => {
    const user = userEvent.setup();
    await addViaApi('Spare', { accessKeySecret: emulator.accessKeySecret });
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Use profile Spare' }));
    expect(await screen.findByText('Now using Spare.')).toBeTruthy();
    const spareRow = screen.getByRole('button', { name: 'Edit profile Spare' }).closest('tr');
    expect(spareRow && within(spareRow).getByText('In use')).toBeTruthy();
    expect((await app.api.invoke('app.info')).profile.name).toBe('Spare');

    await user.click(screen.getByRole('button', { name: 'Edit profile Spare' }));
    await user.click(screen.getByRole('button', { name: 'Remove profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove profile Spare?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit profile Spare' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Remove profile' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Profile Spare removed.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit profile Spare' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add profile' })));
    expect((await app.api.invoke('profiles.list')).current).toBe('Local');
  });

  it('speaks Simplified Chinese, region names and OSS’s answers included', async () => {
    const user = userEvent.setup();
    await addViaApi('Wrong secret', { accessKeySecret: 'definitely-wrong' });
    await setLanguage('zh-CN');
    renderScreen();
    expect(await screen.findByRole('heading', { name: '配置与 OBS' })).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: '编辑配置 Local' }));
    expect(screen.getByRole('heading', { name: '本地模拟器（内置）' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '测试 OSS' }));
    expect((await checkResult('oss')).textContent).toMatch(/^OSS：.*已连接到 Bucket \S+：可见 \d+\+? 个直播频道。/);

    // OSS's own message stays as OSS wrote it; the app's hint after it is in Chinese.
    await user.click(screen.getByRole('button', { name: '编辑配置 Wrong secret' }));
    await user.click(screen.getByRole('button', { name: '测试 OSS' }));
    const failed = await checkResult('oss');
    expect(failed.className).toContain('error');
    expect(failed.textContent).toContain('AccessKey Secret 与 AccessKey ID 不匹配：请检查配置中的 Secret。');
    expect(failed.textContent).not.toContain('check the profile');
    expect(screen.getByRole('button', { name: '测试 OSS' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '添加配置' }));
    expect(screen.getByRole('heading', { name: '新建配置' })).toBeTruthy();
    const region = screen.getByLabelText<HTMLSelectElement>('地域');
    expect(region.selectedOptions[0]?.textContent).toBe('华东1（杭州） · cn-hangzhou');
    expect(screen.getByLabelText<HTMLInputElement>('访问域名（Endpoint）').value).toBe('oss-cn-hangzhou.aliyuncs.com');
    expect(screen.getByRole('option', { name: '内网访问（同地域 ECS）' })).toBeTruthy();
    expect(screen.getByLabelText('AccessKey Secret')).toBeTruthy();
  });
});
