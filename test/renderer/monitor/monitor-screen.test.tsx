// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n, setLanguage } from '../../../renderer/src/i18n';
import { MonitorScreen } from '../../../renderer/src/screens/MonitorScreen';
import { createMonitorStore } from '../../../renderer/src/stores/monitor-store';
import { storeFor } from '../../../renderer/src/stores/use-store';
import { publishTestPattern, stopAllPublishers } from '../../support/ffmpeg-publisher';
import { needs } from '../../support/tools';
import { useObs } from '../golive/local-obs';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';

const CHANNEL = 'screen-live';

describe.runIf(needs('ffmpeg'))('Monitor screen on a channel ffmpeg publishes to (no OBS running)', () => {
  let app: InProcessApp;

  beforeAll(async () => {
    app = await startInProcessApp();
    await useObs(app.api);
    await app.api.invoke('channels.create', CHANNEL, { fragDuration: 1, fragCount: 3 }, { overwrite: false });
    const { url } = await app.api.invoke('channels.signPublishUrl', CHANNEL, { expiresInSeconds: 600 });
    publishTestPattern(url, { seconds: 60, fragDuration: 1 });
    await initI18n('en');
  });
  afterEach(async () => {
    cleanup();
    await setLanguage('en');
  });
  afterAll(async () => {
    await stopAllPublishers();
    await app?.close();
  });

  const renderScreen = (): void => {
    render(
      <ApiProvider value={app.api}>
        <MonitorScreen />
      </ApiProvider>,
    );
  };

  it('shows OSS Live with the video it receives, OBS unknown with why, and the alert about it', async () => {
    renderScreen();
    expect((await screen.findByRole('combobox', { name: 'Channel' }) as HTMLSelectElement).value).toBe(CHANNEL);

    const oss = screen.getByRole('region', { name: 'OSS channel' });
    await waitFor(() => expect(within(oss).getByText('H264')).toBeTruthy(), { timeout: 20_000, interval: 200 });
    expect(oss.querySelector('.badge')?.textContent).toBe('Live');
    expect(oss.querySelector('.badge')?.className).toBe('badge live');
    expect(within(oss).getByText('320×180')).toBeTruthy();
    expect(within(oss).getByText('AAC')).toBeTruthy();
    await waitFor(() => expect(within(oss).getByText(/^127\.0\.0\.1/)).toBeTruthy(), { timeout: 10_000 });
    await waitFor(() => expect(within(oss).getByText('44,100 Hz')).toBeTruthy(), { timeout: 10_000 });

    const obs = screen.getByRole('region', { name: 'OBS' });
    expect(obs.querySelector('.badge')?.textContent).toBe('Unknown');
    expect(within(obs).getByText(/OBS could not be read: .*ECONNREFUSED/)).toBeTruthy();

    const alerts = screen.getByRole('region', { name: 'Alerts' });
    await waitFor(() => expect(within(alerts).getByText('OBS cannot be read')).toBeTruthy(), { timeout: 10_000 });
    expect(within(alerts).getByText(/Check that OBS is running with its WebSocket server on/)).toBeTruthy();

    // The preview is attached once OSS is Live; jsdom has no Media Source Extensions, and the screen says so.
    const preview = screen.getByRole('region', { name: 'Preview, as viewers get it' });
    await waitFor(() => expect(preview.querySelector('.hls-preview')?.getAttribute('data-state')).toBe('unsupported'));
    expect(within(preview).getByText(/cannot play HLS/)).toBeTruthy();
    // Both charts are there with their names (their drawing is uPlot's, in a real browser).
    expect(screen.getByRole('figure', { name: 'Bitrate, kbit/s: OBS sent vs OSS received' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Frames and CPU' })).toBeTruthy();
  });

  it('stops watching when the screen is left', async () => {
    renderScreen();
    const store = storeFor(app.api, createMonitorStore);
    await waitFor(() => expect(store.getState().status).toBe('watching'));
    cleanup();
    expect(store.getState().status).toBe('idle');
  });

  it('speaks Simplified Chinese', async () => {
    await setLanguage('zh-CN');
    renderScreen();
    const oss = await screen.findByRole('region', { name: 'OSS 直播频道' });
    await waitFor(() => expect(oss.querySelector('.badge')?.textContent).toBe('直播中（Live）'), { timeout: 20_000 });
    expect(within(oss).getByText('分辨率')).toBeTruthy();
    expect(screen.getByRole('region', { name: '告警' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'OBS' }).querySelector('.badge')?.textContent).toBe('未知');
    expect((screen.getByRole('combobox', { name: '直播频道' }) as HTMLSelectElement).value).toBe(CHANNEL);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('监控');
    // The alert's message, not only its title: what is wrong (OBS's error as it came) and what to do.
    const alerts = screen.getByRole('region', { name: '告警' });
    const message = await waitFor(() => {
      const element = alerts.querySelector('.alert-message');
      expect(element?.textContent).toMatch(/^无法读取 OBS 的状态（.*ECONNREFUSED.*）/);
      return element;
    }, { timeout: 10_000 });
    expect(message?.textContent).toContain('请确认 OBS 正在运行并已开启 WebSocket 服务器。');
    // OBS's error inside it is the app's own words too, so it is in Chinese; only the system's error code stays.
    expect(message?.textContent).toContain('无法连接到位于 ws://127.0.0.1:');
    expect(message?.textContent).not.toContain('Could not connect');
  });
});
