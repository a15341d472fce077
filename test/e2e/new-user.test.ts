/**
 * End to end, as a new user: browser mode (`oss-live web`) on a fresh data dir, so the embedded emulator and the
 * Local profile are in use; Debian's Chromium driven by playwright-core; real OBS Studio headless for go-live.
 * Point Local at OBS, create a channel, go live, watch the preview play and the charts move, stop (OBS gets its own
 * settings back), cut a clip (preview, save, export .mp4, download, share link), delete the channel. Every screen is
 * photographed into test-artifacts/screenshots/; no console error, no page error, and nothing answered without the
 * per-launch token. The steps run in order and share one app, one OBS and one page.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { StreamServiceSnapshot } from '../../electron/obs';
import { ObsController } from '../../electron/obs';
import type { E2eApp } from '../support/e2e-app';
import { clearScreenshots, SCREENSHOT_DIR, startE2eApp } from '../support/e2e-app';
import { publishTestPattern, stopAllPublishers } from '../support/ffmpeg-publisher';
import { connectHostApi } from '../support/host-api-client';
import { probeBytes } from '../support/ffprobe';
import type { ObsInstance } from '../support/obs-headless';
import { startObs } from '../support/obs-headless';
import { needs } from '../support/tools';

const CHANNEL = 'e2e-show';
/** Generous for a 2-core machine running OBS, the app and Chromium at once; nothing here is a timing assertion. */
const STEP_MS = 45_000;

describe.runIf(needs('chromium', 'obs', 'Xvfb', 'ffmpeg', 'ffprobe', 'dbus-run-session', 'gnome-keyring-daemon'))('a new user, end to end in browser mode', () => {
  let app: E2eApp;
  let page: Page;
  let obs: ObsInstance;
  /** A second connection to OBS: the user's OBS seen from outside the app. */
  let observer: ObsController;
  let original: StreamServiceSnapshot;
  let downloads = '';

  /** The channel's row in the Channels table. */
  const channelRow = (): Locator => screen().getByRole('row').filter({ has: page.getByRole('rowheader', { name: CHANNEL }).or(page.getByRole('cell', { name: CHANNEL, exact: true })) });
  /** Refreshes the Channels list until the channel's badge reads `status` (OSS updates it as streams come and go). */
  const refreshUntilBadge = (status: string): Promise<void> =>
    until(`${CHANNEL} shows ${status}`, async () => {
      await screen().getByRole('button', { name: 'Refresh list and status' }).click();
      return (await channelRow().getByText(status, { exact: true }).count()) > 0;
    });
  /** Follows a navigation link and waits until that screen (whose heading is the link's name) is the one shown. */
  const nav = async (name: string): Promise<void> => {
    await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await screen().getByRole('heading', { level: 2, name, exact: true }).waitFor();
  };
  const screen = (): Locator => page.locator('main');
  /** A numbered screenshot, so the files sort in the order of the flow. */
  const shots: string[] = [];
  const shoot = async (name: string): Promise<string> => {
    const file = await app.screenshot(`${String(shots.length + 1).padStart(2, '0')}-${name}`);
    shots.push(path.basename(file));
    return file;
  };
  /** Polls `check` until it holds: playback and new chart points take wall-clock time, never a fixed delay. */
  const until = async (what: string, check: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + STEP_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  // Page functions, not strings: the app's CSP (rightly) forbids eval, and this project compiles without DOM types.
  const video = (): Promise<{ currentTime: number; paused: boolean }> =>
    page.locator('main video').evaluate((element) => {
      const player = element as unknown as { currentTime: number; paused: boolean };
      return { currentTime: player.currentTime, paused: player.paused };
    });
  const chartPixels = (): Promise<string> =>
    page.locator('main .timeline-chart canvas').evaluateAll((canvases) => canvases.map((canvas) => (canvas as unknown as { toDataURL(): string }).toDataURL()).join('|'));
  const clipboardText = (): Promise<string> =>
    page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());

  beforeAll(async () => {
    downloads = await mkdtemp(path.join(tmpdir(), 'oss-live-e2e-downloads-'));
    await clearScreenshots();
    [obs, app] = await Promise.all([startObs(), startE2eApp()]);
    page = app.page;
    page.setDefaultTimeout(STEP_MS);
    observer = new ObsController({ url: obs.url, password: obs.password });
    await observer.connect();
    original = await observer.getStreamService();
  }, 180_000);

  afterAll(async () => {
    await stopAllPublishers();
    await observer?.stopStream().catch(() => undefined);
    await observer?.disconnect();
    await app?.close();
    await obs?.stop();
    await rm(downloads, { recursive: true, force: true });
  }, 60_000);

  // A failed step leaves a picture of what the user would have seen.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await shoot(`FAILED-${task.name.split(':')[0]?.replace(/\W+/g, '-') ?? 'step'}`).catch(() => undefined);
  });

  it('opens on Go live with the embedded emulator as the profile', async () => {
    await expect(page.getByRole('heading', { level: 2, name: 'Go live' }).isVisible()).resolves.toBe(true);
    await page.getByText('Local emulator', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: /Go live/ }).isVisible()).resolves.toBe(true);
    await shoot('go-live-first-start');
  });

  it('Keyboard only: Tab and Enter reach every screen, the Go live button, and a form that Cancel closes', async () => {
    /** Presses Tab until `target` has the focus (at most 60 times), the way a keyboard user walks the page. */
    const tabTo = async (target: Locator): Promise<void> => {
      for (let presses = 0; presses < 60; presses += 1) {
        if (await target.evaluate((element) => element === (element.ownerDocument as unknown as { activeElement: unknown }).activeElement)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${target.toString()}`);
    };
    await page.locator('body').focus();
    for (const name of ['Monitor', 'Channels', 'History & clips', 'Profiles & OBS', 'Go live']) {
      await tabTo(page.getByRole('navigation').getByRole('link', { name, exact: true }));
      await page.keyboard.press('Enter');
      await screen().getByRole('heading', { level: 2, name, exact: true }).waitFor();
    }
    await tabTo(screen().getByRole('button', { name: /Go live/ }));

    await tabTo(page.getByRole('navigation').getByRole('link', { name: 'Channels', exact: true }));
    await page.keyboard.press('Enter');
    await tabTo(screen().getByRole('button', { name: 'New channel' }));
    await page.keyboard.press('Enter');
    await tabTo(screen().getByLabel('Channel name'));
    await page.keyboard.type('typed-by-keyboard');
    await tabTo(screen().getByRole('button', { name: 'Cancel' }));
    await page.keyboard.press('Enter');
    await expect(screen().getByLabel('Channel name').count()).resolves.toBe(0);
  });

  it('Profiles & OBS: points the Local profile at OBS, and Test OBS says OK', async () => {
    await nav('Profiles & OBS');
    await screen().getByRole('button', { name: 'Edit profile Local' }).click();
    await screen().getByLabel('OBS websocket URL').fill(obs.url);
    await screen().getByLabel('OBS websocket password').fill(obs.password);
    await screen().getByRole('button', { name: 'Save profile' }).click();
    await screen().getByText('Profile Local saved.').waitFor();
    await screen().getByRole('button', { name: 'Test OBS' }).click();
    const result = screen().locator('.check-results').getByText(/^OBS: /);
    await result.filter({ hasText: /^OBS: (OK|Failed)/ }).waitFor();
    expect(await result.textContent()).toMatch(/^OBS: OK — /);
    // The password went to the keychain and is never shown again.
    expect(await page.content()).not.toContain(obs.password);
    await shoot('profiles-obs-tested');
  });

  it('Channels: creates a channel with 2 s × 3 segments, shown as Idle', async () => {
    await nav('Channels');
    await screen().getByRole('button', { name: 'New channel' }).click();
    await screen().getByLabel('Channel name').fill(CHANNEL);
    await screen().getByLabel('Segment length (FragDuration, s)').fill('2');
    await screen().getByLabel('Segments in playlist (FragCount)').fill('3');
    await screen().getByRole('button', { name: 'Create channel' }).click();
    await screen().getByText(`Channel ${CHANNEL} created.`).waitFor();
    await channelRow().getByText('Idle', { exact: true }).waitFor();
    await shoot('channels-created');
  });

  it('Go live: the checklist completes and the channel is on air', async () => {
    await nav('Go live');
    await screen().getByRole('combobox', { name: 'Channel' }).fill(CHANNEL);
    const goLive = screen().getByRole('button', { name: /Go live/ });
    await goLive.click();
    const checklist = screen().getByRole('list', { name: 'Checklist' });
    await checklist.getByRole('listitem').filter({ hasText: 'OSS reports the channel Live' }).getByRole('img', { name: 'Done' }).waitFor();
    await screen().getByRole('heading', { name: 'On air' }).waitFor();
    const states = await checklist.getByRole('img').evaluateAll((icons) => icons.map((icon) => icon.getAttribute('aria-label')));
    expect(states.length).toBeGreaterThanOrEqual(8);
    // A step with nothing to do (the new channel is enabled already) is skipped; none is left pending or failed.
    expect(states.filter((state) => state !== 'Done' && state !== 'Skipped')).toEqual([]);
    expect((await observer.getStreamStatus()).active).toBe(true);
    await shoot('go-live-on-air');
  }, STEP_MS);

  it('Monitor: the preview plays with a measured latency, and the charts move', async () => {
    await nav('Monitor');
    await screen().locator('video').waitFor();
    await until('the preview plays', async () => (await video()).currentTime > 1);
    const before = (await video()).currentTime;
    const drawn = await chartPixels();
    expect(drawn).not.toBe('');
    await until('the playhead advances 2 s more', async () => (await video()).currentTime > before + 2);
    await until('the charts redraw with new points', async () => (await chartPixels()) !== drawn);
    expect((await video()).paused).toBe(false);
    const latency = screen().locator('[data-latency]');
    await latency.and(page.locator(':not([data-latency=""])')).waitFor();
    const seconds = Number(await latency.getAttribute('data-latency'));
    // hls.js holds 3 × FragDuration (2 s) behind the edge; a wide bound that still catches a stuck or absent value.
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(30);
    await screen().getByText('Playing', { exact: true }).waitFor();
    await shoot('monitor-live');
    // Once in Chinese too.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 2, name: '监控' }).waitFor();
    await shoot('monitor-live-zh-CN');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'Monitor' }).waitFor();
  }, 2 * STEP_MS);

  it("Stop: the stream ends and OBS has the user's own settings back", async () => {
    await nav('Go live');
    await screen().getByRole('button', { name: 'Stop', exact: true }).click();
    await screen().getByText(`The broadcast on “${CHANNEL}” is stopped.`).waitFor();
    const stopList = screen().getByRole('list', { name: 'Stop' });
    const states = await stopList.getByRole('img').evaluateAll((icons) => icons.map((icon) => icon.getAttribute('aria-label')));
    expect(states).not.toContain('Failed');
    expect(await observer.getStreamService()).toEqual(original);
    expect((await observer.getStreamStatus()).active).toBe(false);
    await shoot('go-live-stopped');
  }, STEP_MS);

  it('History & clips: previews, saves, exports an .mp4 that downloads and probes, and copies a share link', async () => {
    await nav('History & clips');
    // A select's accessible name includes its chosen option ("Channel e2e-show").
    await screen().getByRole('combobox', { name: /^Channel\b/ }).selectOption(CHANNEL);
    await screen().getByRole('button', { name: /^Select the broadcast from / }).first().click();
    await screen().getByRole('button', { name: 'Preview clip' }).click();
    const summary = screen().getByText(/^\d+ segments, .* in total$/);
    await summary.waitFor();
    const segments = Number(/^(\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
    expect(segments).toBeGreaterThan(0);
    await shoot('history-preview');

    await screen().getByLabel('Playlist name').fill('e2e-clip.m3u8');
    await screen().getByRole('button', { name: 'Save playlist' }).click();
    await screen().getByText('Saved in the bucket as').waitFor();

    await screen().getByRole('button', { name: 'Copy signed share link' }).click();
    await screen().getByText('Copied', { exact: true }).waitFor();
    const link = new URL(await clipboardText());
    expect(link.pathname).toMatch(/e2e-clip\.m3u8$/);
    expect(link.searchParams.get('x-oss-process')).toBe('hls/sign');
    expect(link.searchParams.get('x-oss-signature') ?? link.searchParams.get('Signature')).toBeTruthy();
    const shared = await fetch(link);
    expect(shared.status).toBe(200);
    expect(await shared.text()).toMatch(/^#EXTM3U/);

    await screen().getByRole('radio', { name: /^MP4/ }).check();
    await screen().getByRole('button', { name: 'Export clip' }).click();
    await screen().getByText(/^Export finished \(/).waitFor();
    await shoot('history-exported');
    const [download] = await Promise.all([page.waitForEvent('download'), screen().getByRole('link', { name: /^Download .*\.mp4$/ }).click()]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const probed = await probeBytes(await readFile(file), '.mp4');
    expect(probed.format).toContain('mp4');
    expect(probed.video?.codec).toBe('h264');
    expect(probed.audio?.codec).toBe('aac');
    expect(probed.duration).toBeGreaterThan(0);
    expect(probed.errors).toBe('');
  }, 2 * STEP_MS);

  it('Channels: another encoder (ffmpeg) with the copied publish URL makes it Live, and delete is refused with the reason', async () => {
    await nav('Channels');
    await screen().getByRole('button', { name: `Show the URLs of ${CHANNEL}` }).click();
    await screen().getByRole('button', { name: 'Copy Publish URL (signed)' }).click();
    await screen().getByText('Copied', { exact: true }).waitFor();
    const publishUrl = await clipboardText();
    expect(publishUrl).toMatch(/^rtmp:\/\/.*[?&]Signature=/);
    const encoder = publishTestPattern(publishUrl, { seconds: 60, fragDuration: 2 });
    await refreshUntilBadge('Live');
    await screen().getByRole('button', { name: `Delete ${CHANNEL}` }).click();
    await page.getByRole('dialog', { name: `Delete channel ${CHANNEL}?` }).getByRole('button', { name: 'Delete channel' }).click();
    await page.getByText(`${CHANNEL} is live, so OSS refuses to delete it.`, { exact: false }).waitFor();
    await shoot('channels-delete-refused-live');
    encoder.child.kill('SIGTERM');
    await encoder.exited;
    await refreshUntilBadge('Idle');
  }, 2 * STEP_MS);

  it('Channels: deletes the channel after a confirmation naming it', async () => {
    await nav('Channels');
    await screen().getByRole('button', { name: `Delete ${CHANNEL}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete channel ${CHANNEL}?` });
    await dialog.waitFor();
    await shoot('channels-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete channel' }).click();
    await screen().getByText(`Channel ${CHANNEL} deleted.`).waitFor();
    await expect(screen().getByRole('button', { name: `Delete ${CHANNEL}` }).count()).resolves.toBe(0);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 2, name: '直播频道' }).waitFor();
    await shoot('channels-after-delete-zh-CN');
    await page.getByLabel('语言').selectOption('en');
  });

  it('logged no console or page error, and served nothing without the token', async () => {
    expect(app.problems).toEqual([]);
    const visible = app.requests.filter((request) => !request.url.startsWith('blob:') && !request.url.startsWith('data:'));
    expect(visible.length).toBeGreaterThan(10);
    // The page reaches nothing but its own host, and every request it made carried the token (URL or cookie).
    expect(visible.filter((request) => !request.sameOrigin)).toEqual([]);
    // Where Chromium did not report the headers it sent (the favicon, the odd media fetch), the replay below decides.
    expect(visible.filter((request) => request.withToken === false)).toEqual([]);
    // The capture itself works: the page, its scripts and the API socket are seen carrying the token.
    const seenWithToken = visible.filter((request) => request.withToken === true).map((request) => new URL(request.url));
    expect(seenWithToken.some((url) => url.pathname === '/' && url.protocol === 'http:')).toBe(true);
    expect(seenWithToken.some((url) => url.pathname.startsWith('/assets/'))).toBe(true);
    expect(seenWithToken.some((url) => url.protocol === 'ws:')).toBe(true);
    // Every URL it loaded, asked again without the token: refused, and nothing served.
    const paths = new Set(visible.filter((request) => request.method === 'GET').map((request) => new URL(request.url).pathname));
    expect([...paths].filter((pathname) => pathname === '/' || pathname.startsWith('/assets/') || pathname.startsWith('/media/')).length).toBeGreaterThan(3);
    for (const pathname of paths) {
      const response = await fetch(`${app.origin}${pathname}`);
      expect(response.status, pathname).toBe(403);
      expect(await response.text()).toBe('Forbidden');
    }
    // And the API socket, from the app's own origin but without the token.
    await expect(connectHostApi(`${app.origin}/`)).rejects.toThrow(/refused the API socket: 403/);
  });

  it("kept exactly this run's screenshots, one per screen it photographed", async () => {
    expect(shots.length).toBeGreaterThanOrEqual(10);
    expect((await readdir(SCREENSHOT_DIR)).sort()).toEqual([...shots].sort());
  });
});
