// @vitest-environment jsdom
/**
 * The History & clips screen on the real app runtime (desktop mode, embedded emulator) after ffmpeg published a
 * real broadcast: the broadcast on the timeline and in the table, selecting its span, a preview listing the
 * segments, saving a VOD playlist (read back through the media proxy), a signed share link that OSS serves, an
 * MP4 export to a file, the no-segments error, range checks as the user types, and the Chinese UI.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';

import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { ExportProgress } from '../../../shared/api';
import type { Broadcast } from '../../../shared/history';
import { ApiProvider } from '../../../renderer/src/app/api-context';
import { fromLocalInput } from '../../../renderer/src/components/history/clip-range';
import { initI18n, setLanguage } from '../../../renderer/src/i18n';
import { HistoryScreen } from '../../../renderer/src/screens/HistoryScreen';
import { stopAllPublishers } from '../../support/ffmpeg-publisher';
import { needs } from '../../support/tools';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';
import { recordBroadcast } from './recorded-broadcast';

describe.runIf(needs('ffmpeg'))('History & clips screen', () => {
  let app: InProcessApp;
  let api: TrackedApi;
  let broadcast: Broadcast;

  beforeAll(async () => {
    app = await startInProcessApp({ mode: 'desktop' });
    api = trackedApi(app.api);
    await initI18n('en');
    broadcast = await recordBroadcast(app.api, 'show', 3);
    // An earlier broadcast the app itself ran on another channel, with the health summary its monitor kept.
    await app.api.invoke('channels.create', 'studio', {}, { overwrite: false });
    const { deps } = await app.runtime.context.services();
    const session = { profile: deps.profile, bucket: deps.bucket, channel: 'studio' };
    const startedAt = new Date(Date.now() - 7_200_000);
    await app.runtime.context.history.recordSessionStart({ ...session, startedAt, playlistName: 'playlist.m3u8', urlExpiresAt: new Date() });
    await app.runtime.context.history.recordSessionEnd({
      ...session,
      endedAt: new Date(startedAt.getTime() + 3_723_000),
      health: { durationSeconds: 3723, avgBitrateKbps: 2500, minBitrateKbps: 900, droppedFramesPercent: 0.4, reconnectCount: 2, alertCounts: {}, ossLiveSeconds: 3700 },
    });
  }, 60_000);
  afterEach(async () => {
    cleanup();
    vi.restoreAllMocks();
    await setLanguage('en');
    await api.settled();
  });
  afterAll(async () => {
    await stopAllPublishers();
    await api?.settled();
    await app?.close();
  });

  /** The screen with a store of its own (stores are kept per API object), the broadcast selected on the timeline. */
  async function renderWithBroadcastSelected() {
    const user = userEvent.setup();
    render(
      <ApiProvider value={{ ...api }}>
        <HistoryScreen />
      </ApiProvider>,
    );
    const bar = await screen.findByRole('button', { name: /^Broadcast from / });
    await user.click(bar);
    return { user, bar };
  }

  /** The channel's objects in the emulator's store (read directly, not through the API under test). */
  function channelObjects(): string[] {
    const emulator = app.runtime.context.emulator.instance;
    if (!emulator) throw new Error('the embedded emulator did not start');
    return emulator.state
      .bucket(emulator.bucket)
      .objects.recordsUnder('show/')
      .map((record) => record.key.slice('show/'.length));
  }
  /** The channel's ts segments: what a clip of the whole broadcast must list. */
  const segmentObjects = (): string[] => channelObjects().filter((name) => name.endsWith('.ts'));

  it('shows the broadcast on the timeline and in the table, and selecting it sets the range to its span', async () => {
    const { bar } = await renderWithBroadcastSelected();
    expect(screen.getByRole('combobox', { name: 'Channel' })).toHaveProperty('value', 'show');
    expect(bar.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('group', { name: /Broadcasts of show on a timeline/ })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Broadcasts' });
    expect(within(table).getAllByRole('row')).toHaveLength(2); // header + the one broadcast
    expect(within(table).getByText('OSS only')).toBeTruthy(); // published by ffmpeg, not by the app's go-live
    const start = screen.getByLabelText<HTMLInputElement>('Start (local time)');
    const end = screen.getByLabelText<HTMLInputElement>('End (local time)');
    expect(fromLocalInput(start.value)).toBe(Math.floor(broadcast.startedAt.getTime() / 1000));
    expect(fromLocalInput(end.value)).toBe(Math.ceil((broadcast.endedAt ?? new Date()).getTime() / 1000));
    expect(screen.getByText(/^Length: /)).toBeTruthy();
  });

  it("shows another channel's broadcast with its health: bitrate, dropped frames, reconnects", async () => {
    const user = userEvent.setup();
    render(
      <ApiProvider value={{ ...api }}>
        <HistoryScreen />
      </ApiProvider>,
    );
    await screen.findByRole('button', { name: /^Broadcast from / });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'studio');
    const bar = await screen.findByRole('button', { name: /^Broadcast from .*, 1 h 02 min 03 s, 2.5 Mbps avg · 0.4% dropped · 2 reconnects$/ });
    expect(within(bar).getByText('Had issues')).toBeTruthy();
    const row = within(screen.getByRole('table', { name: 'Broadcasts' })).getAllByRole('row')[1];
    if (!row) throw new Error('no broadcast row');
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent).slice(2)).toEqual(['1 h 02 min 03 s', 'This app', '2.5 Mbps', '0.4%', '2', 'Had issues']);
  });

  it('previews the range: every recorded segment listed, with the total, and nothing written', async () => {
    const { user } = await renderWithBroadcastSelected();
    const before = segmentObjects();
    await user.click(screen.getByRole('button', { name: 'Preview clip' }));
    expect(await screen.findByText(new RegExp(`^${before.length} segments, .* in total$`))).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Segments in the clip' });
    const listed = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0]?.textContent);
    expect(listed).toEqual([...before].sort());
    expect(screen.getByLabelText('Clip preview player').tagName).toBe('VIDEO');
    expect(channelObjects().filter((name) => name.endsWith('.m3u8'))).toEqual(['playlist.m3u8']);
  });

  it('saves the range as a VOD playlist that the media proxy then serves, and signs a share link OSS accepts', async () => {
    const { user } = await renderWithBroadcastSelected();
    const name = screen.getByRole('textbox', { name: 'Playlist name' });
    expect((name as HTMLInputElement).value).toMatch(/^clip-\d{8}-\d{6}\.m3u8$/);
    await user.clear(name);
    await user.type(name, 'highlight.m3u8');
    await user.click(screen.getByRole('button', { name: 'Save playlist' }));
    expect(await screen.findByText('show/highlight.m3u8')).toBeTruthy();

    const reply = await app.runtime.routes['/media/']?.('show/highlight.m3u8', new URLSearchParams());
    expect(reply?.status).toBe(200);
    const playlist = new TextDecoder().decode(reply?.body as Uint8Array);
    expect(playlist).toContain('#EXT-X-ENDLIST');
    for (const segment of segmentObjects()) expect(playlist).toContain(segment);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Link valid for' }), '1 day');
    await user.click(screen.getByRole('button', { name: 'Copy signed share link' }));
    const link = await screen.findByRole<HTMLInputElement>('textbox', { name: 'Signed share link' });
    // Signed and copied in one step (user-event provides the clipboard jsdom lacks).
    expect(await navigator.clipboard.readText()).toBe(link.value);
    expect(screen.getByText('Copied')).toBeTruthy();
    expect(link.value).toContain('show/highlight.m3u8?');
    expect(link.value).toContain('x-oss-process=hls%2Fsign');
    expect(screen.getByText(/^Valid until /)).toBeTruthy();

    // The link works without credentials, and OSS signs the segment URIs inside it (hls/sign).
    const shared = await fetch(link.value);
    expect(shared.status).toBe(200);
    const signedUris = (await shared.text()).split('\n').filter((line) => line.includes('.ts?'));
    expect(signedUris.length).toBe(segmentObjects().length);
    const firstUri = signedUris[0];
    if (!firstUri) throw new Error('no signed segment');
    const segment = await fetch(new URL(firstUri, link.value));
    expect(segment.status).toBe(200);
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('exports the range to an .mp4 file: progress to the last segment, then the file path', async () => {
    const events: ExportProgress[] = [];
    const unsubscribe = app.api.on('clips.export', (event) => events.push(event));
    try {
      const { user } = await renderWithBroadcastSelected();
      expect(screen.getByRole('radio', { name: /^MP4/ })).toHaveProperty('checked', true);
      await user.click(screen.getByRole('button', { name: 'Export clip' }));
      expect(await screen.findByText(/^Export finished/, undefined, { timeout: 20_000 })).toBeTruthy();
      const file = screen.getByRole<HTMLInputElement>('textbox', { name: 'File' }).value;
      expect(path.basename(file)).toMatch(/^show-\d+-\d+\.mp4$/);
      expect(file.startsWith(path.join(app.dataDir, 'exports'))).toBe(true);
      const last = events.at(-1);
      expect(last).toMatchObject({ state: 'done', file });
      expect(last?.done).toBe(last?.total);
      expect(events.filter((event) => event.state === 'running').map((event) => event.done)).toEqual(
        Array.from({ length: last?.total ?? 0 }, (_, index) => index + 1),
      );
      expect((await stat(file)).size).toBe(last?.bytes);

      // Where the clipboard refuses, the path is selected for Ctrl+C instead, and the user is told so.
      vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError'));
      await user.click(screen.getByRole('button', { name: 'Copy path' }));
      expect(await screen.findByText(/press Ctrl\+C/)).toBeTruthy();
      const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'File' });
      expect([field.selectionStart, field.selectionEnd]).toEqual([0, file.length]);
    } finally {
      unsubscribe();
    }
  });

  it('cancels an export: the screen says so and no file is left behind', async () => {
    const cancelled = new Promise<ExportProgress>((resolve) => {
      const unsubscribe = app.api.on('clips.export', (event) => {
        // Cancel right after the first segment, as a user pressing "Cancel export" would.
        if (event.state === 'running' && event.done === 1) void app.api.invoke('clips.cancelExport', event.exportId);
        if (event.state === 'cancelled') {
          unsubscribe();
          resolve(event);
        }
      });
    });
    const { user } = await renderWithBroadcastSelected();
    await user.click(screen.getByRole('radio', { name: /^MPEG-TS/ }));
    await user.click(screen.getByRole('button', { name: 'Export clip' }));
    const event = await cancelled;
    expect(event.done).toBeLessThan(event.total);
    expect(await screen.findByText('Export cancelled; no partial file was left behind.')).toBeTruthy();
    await expect(stat(path.join(app.dataDir, 'exports', event.exportId))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says what to do when no segment lies in the range, for a preview and for an export', async () => {
    const { user } = await renderWithBroadcastSelected();
    fireEvent.change(screen.getByLabelText('Start (local time)'), { target: { value: '2001-01-01T10:00:00' } });
    fireEvent.change(screen.getByLabelText('End (local time)'), { target: { value: '2001-01-01T11:00:00' } });
    await user.click(screen.getByRole('button', { name: 'Preview clip' }));
    const message = 'No recorded segments lie in this range. Pick a range that overlaps a recorded broadcast (click one on the timeline).';
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    await user.click(screen.getByRole('button', { name: 'Export clip' }));
    await waitFor(() => expect(screen.getAllByText(message)).toHaveLength(2)); // the preview's and the export's
  });

  it('checks the range as it is typed: names the input at fault and blocks the actions', async () => {
    await renderWithBroadcastSelected();
    const start = screen.getByLabelText('Start (local time)');
    const end = screen.getByLabelText('End (local time)');
    fireEvent.change(start, { target: { value: '2026-03-01T12:00:00' } });
    fireEvent.change(end, { target: { value: '2026-03-01T11:00:00' } });
    expect(screen.getByRole('alert').textContent).toBe('The end must be later than the start.');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(start.getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('button', { name: 'Preview clip' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Export clip' })).toHaveProperty('disabled', true);
    fireEvent.change(end, { target: { value: '2026-03-02T12:00:01' } });
    expect(screen.getByRole('alert').textContent).toMatch(/at most one day/);
    fireEvent.change(start, { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('Enter a complete start date and time.');
    expect(start.getAttribute('aria-invalid')).toBe('true');
  });

  it('speaks Chinese: headings, the broadcast bar and the actions', async () => {
    await setLanguage('zh-CN');
    render(
      <ApiProvider value={{ ...api }}>
        <HistoryScreen />
      </ApiProvider>,
    );
    expect(await screen.findByRole('button', { name: /^\S.* 开始的直播，/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '历史与剪辑' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '预览剪辑' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '导出剪辑' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '保存为点播（VOD）播放列表' })).toBeTruthy();
    expect(screen.getByText('仅 OSS')).toBeTruthy();
  });
});
