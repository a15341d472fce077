// @vitest-environment jsdom
/**
 * The channels store against the real app runtime and its embedded emulator: create (never overwriting unasked),
 * prefix search and marker paging, status badges, enable/disable, delete, signed URLs and their expiry, and a clean
 * start when the profile in use changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiError } from '../../../renderer/src/api/api-error';
import { createChannelsStore, DEFAULT_EXPIRY_SECONDS } from '../../../renderer/src/stores/channels-store';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';

describe('channels store', () => {
  let app: InProcessApp;
  let api: TrackedApi;

  beforeAll(async () => {
    app = await startInProcessApp();
    api = trackedApi(app.api);
  });
  afterAll(async () => {
    await api?.settled();
    await app?.close();
  });

  /** A store of its own (stores are kept per API object). */
  const freshStore = () => createChannelsStore({ ...api });
  const names = (store: ReturnType<typeof freshStore>): string[] => store.getState().page?.channels.map((channel) => channel.name) ?? [];

  it('creates a channel, lists it with its URLs, and reads its live status', async () => {
    const store = freshStore();
    expect(await store.getState().create('store-create', { description: 'first', fragDuration: 2, fragCount: 4 }, false)).toEqual({ created: true });
    await store.getState().search('store-create');
    const [channel] = store.getState().page?.channels ?? [];
    expect(channel).toMatchObject({ name: 'store-create', description: 'first', status: 'enabled' });
    expect(channel?.playUrls[0]).toMatch(/\/store-create\/playlist\.m3u8$/);
    expect(store.getState().stats['store-create']).toEqual({ name: 'store-create', stat: { status: 'Idle' } });
    expect((await store.getState().info('store-create')).target).toEqual({ type: 'HLS', fragDuration: 2, fragCount: 4, playlistName: 'playlist.m3u8' });
  });

  it('refuses to overwrite an existing channel unless asked, then replaces its configuration', async () => {
    const store = freshStore();
    await store.getState().create('store-overwrite', { description: 'original', fragDuration: 2, fragCount: 4 }, false);
    const refusal: unknown = await store.getState().create('store-overwrite', { description: 'replacement' }, false).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).data).toMatchObject({ kind: 'conflict', code: 'ChannelAlreadyExists' });
    // The app's own refusal: no OSS request id, and wording for the app (no CLI flag).
    expect((refusal as ApiError).data.requestId).toBeUndefined();
    expect((refusal as ApiError).data.message).toBe("Channel 'store-overwrite' already exists; replacing it resets its configuration. Confirm to replace it.");
    expect((await store.getState().info('store-overwrite')).description).toBe('original');

    expect(await store.getState().create('store-overwrite', { description: 'replacement' }, true)).toEqual({ created: false });
    const config = await store.getState().info('store-overwrite');
    expect(config.description).toBe('replacement');
    // Replacing reset the fragments to the OSS defaults: exactly what the UI warns about.
    expect(config.target).toMatchObject({ fragDuration: 5, fragCount: 3 });
  });

  it('searches by prefix and pages forward and back with a stack of markers', async () => {
    const store = freshStore();
    const all = Array.from({ length: 7 }, (_, index) => `store-page-${index}`);
    for (const name of all) await app.api.invoke('channels.create', name, {}, { overwrite: false });
    await app.api.invoke('channels.create', 'store-pager-other', {}, { overwrite: false });

    await store.getState().setPageSize(3);
    await store.getState().search('store-page-');
    expect(names(store)).toEqual(all.slice(0, 3));
    expect(store.getState().page?.isTruncated).toBe(true);

    await store.getState().nextPage();
    expect(names(store)).toEqual(all.slice(3, 6));
    await store.getState().nextPage();
    expect(names(store)).toEqual(all.slice(6));
    expect(store.getState().markers).toHaveLength(3);
    expect(store.getState().page?.isTruncated).toBe(false);
    await store.getState().nextPage(); // Nothing after the last page.
    expect(names(store)).toEqual(all.slice(6));

    await store.getState().previousPage();
    expect(names(store)).toEqual(all.slice(3, 6));
    await store.getState().previousPage();
    await store.getState().previousPage(); // Nothing before the first page.
    expect(names(store)).toEqual(all.slice(0, 3));
    expect(Object.keys(store.getState().stats)).toEqual(all.slice(0, 3));

    // Deleting the only channel of the last page steps back to a page that has channels.
    await store.getState().nextPage();
    await store.getState().nextPage();
    await store.getState().remove('store-page-6');
    expect(names(store)).toEqual(all.slice(3, 6));
    expect(store.getState().markers).toHaveLength(2);
  });

  it('disables and enables a channel, the badge following', async () => {
    const store = freshStore();
    await store.getState().create('store-status', {}, false);
    await store.getState().search('store-status');
    await store.getState().setStatus('store-status', 'disabled');
    expect(store.getState().page?.channels[0]?.status).toBe('disabled');
    expect(store.getState().stats['store-status']).toMatchObject({ stat: { status: 'Disabled' } });
    await store.getState().setStatus('store-status', 'enabled');
    expect(store.getState().stats['store-status']).toMatchObject({ stat: { status: 'Idle' } });
  });

  it('signs the publish and play URLs of the selected channel for the chosen expiry', async () => {
    const store = freshStore();
    await store.getState().create('store-urls', {}, false);
    await store.getState().search('store-urls');
    const before = Math.floor(Date.now() / 1000);
    await store.getState().select('store-urls');
    const urls = store.getState().urls;
    expect(urls).toMatchObject({ channel: 'store-urls', expiresInSeconds: DEFAULT_EXPIRY_SECONDS, loading: false });
    const publish = urls?.publish;
    if (!publish) throw new Error(`not signed: ${urls?.publishError ?? ''}`);
    expect(`${publish.server}/${publish.streamKey}`).toBe(publish.url);
    const expires = Number(new URL(publish.url).searchParams.get('Expires'));
    expect(expires).toBeGreaterThanOrEqual(before + DEFAULT_EXPIRY_SECONDS);
    expect(expires).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + DEFAULT_EXPIRY_SECONDS);
    expect(new URL(urls?.play?.url ?? 'http://x').searchParams.get('x-oss-expires')).toBe(String(DEFAULT_EXPIRY_SECONDS));

    await store.getState().setExpiry(7 * 86_400);
    const week = store.getState().urls;
    expect(Number(new URL(week?.publish?.url ?? 'http://x').searchParams.get('Expires')) - expires).toBeGreaterThanOrEqual(7 * 86_400 - DEFAULT_EXPIRY_SECONDS);
    expect(new URL(week?.play?.url ?? 'http://x').searchParams.get('x-oss-expires')).toBe(String(7 * 86_400));

    // V4 presigned URLs live at most 7 days: the publish URL still signs, the play URL says why it cannot.
    await store.getState().setExpiry(8 * 86_400);
    expect(store.getState().urls?.publish).toBeDefined();
    expect(store.getState().urls?.playError).toMatch(/7 days/);

    await store.getState().select(undefined);
    expect(store.getState().urls).toBeUndefined();
  });

  it('starts over when another profile comes into use', async () => {
    const store = freshStore();
    await store.getState().create('store-profile', {}, false);
    const emulator = app.runtime.context.emulator.instance;
    if (!emulator) throw new Error('no emulator');
    await app.api.invoke('profiles.save', {
      profile: { name: 'Other', endpoint: emulator.endpoint, region: emulator.region, bucket: emulator.bucket, accessKeyId: emulator.accessKeyId, signatureVersion: 'v1', obsWebSocketUrl: 'ws://127.0.0.1:4455' },
      secrets: { accessKeySecret: emulator.accessKeySecret },
    });
    await store.getState().search('store-profile');
    await store.getState().select('store-profile');
    expect(store.getState().selected).toBe('store-profile');
    await app.api.invoke('profiles.use', 'Other');
    await expect.poll(() => store.getState().selected, { timeout: 5_000 }).toBeUndefined();
    expect(store.getState().urls).toBeUndefined();
    // It reloads by itself, through the other profile (same emulator bucket, V1 signatures).
    await expect.poll(() => names(store), { timeout: 5_000 }).toEqual(['store-profile']);
    await app.api.invoke('profiles.use', 'Local');
  });
});
