// @vitest-environment jsdom
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n, setLanguage } from '../../../renderer/src/i18n';
import { GoLiveScreen } from '../../../renderer/src/screens/GoLiveScreen';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import { useObs } from './local-obs';

describe('Go live screen (real app, no OBS running)', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await startInProcessApp();
    await useObs(app.api);
    await app.api.invoke('channels.create', 'existing-show', { fragDuration: 4, fragCount: 3 }, { overwrite: false });
    await initI18n('en');
  });
  afterEach(async () => {
    cleanup();
    await setLanguage('en');
  });
  afterAll(() => app.close());

  const renderScreen = (): void => {
    render(
      <ApiProvider value={app.api}>
        <GoLiveScreen />
      </ApiProvider>,
    );
  };

  it('shows preflight failed with what to do about OBS, the other steps not run, and nothing changed', async () => {
    const user = userEvent.setup();
    renderScreen();
    const button = screen.getByRole('button', { name: /Go live/ });
    await user.type(screen.getByRole('combobox', { name: 'Channel' }), 'brand-new-show');
    // A new channel: its segment settings default to low latency, and the hint says why.
    expect((screen.getByRole('spinbutton', { name: /FragDuration/ }) as HTMLInputElement).value).toBe('2');
    expect((screen.getByRole('spinbutton', { name: /FragCount/ }) as HTMLInputElement).value).toBe('3');
    expect(screen.getByText(/shorter segments mean lower latency/)).toBeTruthy();
    await user.click(button);

    const alert = await screen.findByRole('alert');
    expect(alert.className).toContain('notice error');
    expect(alert.textContent).toContain('Go live failed at “Check OBS and its encoder settings”');
    expect(alert.textContent).toContain('turn on its WebSocket server');

    const checklist = screen.getByRole('list', { name: 'Checklist' });
    const items = within(checklist).getAllByRole('listitem');
    expect(items).toHaveLength(9);
    expect(items[0]?.className).toBe('state-failed');
    expect(within(items[0] as HTMLElement).getByRole('img').getAttribute('aria-label')).toBe('Failed');
    expect(items.slice(1).every((item) => item.className === 'state-pending')).toBe(true);
    expect(within(items[1] as HTMLElement).getByRole('img').getAttribute('aria-label')).toBe('Pending');
    expect(items[8]?.textContent).toContain('OSS reports the channel Live');

    // The button is back for another try; no channel was created, no broadcast recorded.
    await waitFor(() => expect((screen.getByRole('button', { name: /Go live/ }) as HTMLButtonElement).disabled).toBe(false));
    const { channels } = await app.api.invoke('channels.list', {});
    expect(channels.map((channel) => channel.name)).toEqual(['existing-show']);
    expect((await app.api.invoke('golive.status')).active).toBe(false);
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('names a bad field as it is typed, and keeps an existing channel’s settings', async () => {
    const user = userEvent.setup();
    renderScreen();
    const channel = screen.getByRole('combobox', { name: 'Channel' });
    await user.clear(channel);
    await user.type(channel, 'a/b');
    expect(channel.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("Channel name: must not contain '/'")).toBeTruthy();

    await user.clear(channel);
    await user.type(channel, 'existing-show');
    expect(channel.getAttribute('aria-invalid')).toBe('false');
    expect(await screen.findByText(/Existing channel \(enabled\), segments of 4 s × 3/)).toBeTruthy();
    expect(screen.queryByRole('spinbutton', { name: /FragDuration/ })).toBeNull();

    const planned = screen.getByRole('textbox', { name: /Planned duration/ });
    await user.type(planned, '0');
    await user.click(screen.getByRole('button', { name: /Go live/ }));
    expect(planned.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(planned);
  });

  it('speaks Simplified Chinese: step labels, states, the button, a field’s rule, and why it failed with the fix', async () => {
    const user = userEvent.setup();
    await setLanguage('zh-CN');
    renderScreen();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('开播');
    const channel = screen.getByRole('combobox', { name: '直播频道' });
    await user.clear(channel);
    await user.type(channel, 'a/b');
    // The rule comes from shared/validation, the same check the main process makes.
    expect(screen.getByText('直播频道名称：不能包含“/”')).toBeTruthy();
    await user.clear(channel);
    await user.type(channel, 'zh-show');
    await user.click(screen.getByRole('button', { name: '开始直播 Go live' }));
    const checklist = await screen.findByRole('list', { name: '开播步骤' });
    await waitFor(() => expect(within(checklist).getAllByRole('listitem')[0]?.className).toBe('state-failed'));
    const first = within(checklist).getAllByRole('listitem')[0] as HTMLElement;
    expect(first.textContent).toContain('检查 OBS 及其编码设置');
    expect(within(first).getByRole('img').getAttribute('aria-label')).toBe('失败');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('开播失败，失败步骤：“检查 OBS 及其编码设置”');
    // What happened (OBS's own error text stays as it is) and what to do, in Chinese.
    expect(alert.textContent).toMatch(/无法连接到位于 ws:\/\/127\.0\.0\.1:\d+ 的 OBS（.+）。/);
    expect(alert.textContent).toContain('请启动 OBS Studio，开启其 WebSocket 服务器（工具 → WebSocket 服务器设置），并检查端口是否一致。');
    expect(alert.textContent).not.toContain('Start OBS Studio');
    // Once the call returns, what the run put back: nothing, since it failed before changing anything.
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('尚未做任何更改。'));
    await waitFor(() => expect((screen.getByRole('button', { name: '开始直播 Go live' }) as HTMLButtonElement).disabled).toBe(false));
  });
});

describe('Go live screen: Cancel (an OBS that accepts the connection and never answers)', () => {
  let app: InProcessApp;
  let blackHole: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    blackHole = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const address = blackHole.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    app = await startInProcessApp();
    await useObs(app.api, `ws://127.0.0.1:${address.port}`);
    await initI18n('en');
  });
  afterAll(async () => {
    cleanup();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    await app?.close();
  });

  it('cancels the run: the checklist says so, and Go live is back once the run has ended', async () => {
    const user = userEvent.setup();
    render(
      <ApiProvider value={app.api}>
        <GoLiveScreen />
      </ApiProvider>,
    );
    await user.type(screen.getByRole('combobox', { name: 'Channel' }), 'cancelled-show');
    await user.click(screen.getByRole('button', { name: /Go live/ }));
    const checklist = screen.getByRole('list', { name: 'Checklist' });
    await waitFor(() => expect(within(checklist).getAllByRole('listitem')[0]?.className).toBe('state-running'));

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Go live was cancelled');
    expect(within(checklist).getAllByRole('listitem')[0]?.className).toBe('state-failed');
    // The main process refuses another run until this one has finished (its OBS connect times out): so does the button.
    expect((screen.getByRole('button', { name: /Go live/ }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect((screen.getByRole('button', { name: /Go live/ }) as HTMLButtonElement).disabled).toBe(false), { timeout: 15_000 });
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    const { channels } = await app.api.invoke('channels.list', {});
    expect(channels).toEqual([]);
  });
});
