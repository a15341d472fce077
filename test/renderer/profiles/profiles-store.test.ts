// @vitest-environment jsdom
/**
 * The profiles store against the real app runtime (in-memory keychain, embedded emulator): add, edit without
 * retyping secrets, rename, use, remove, connection tests. A profile of the user's own points at the embedded
 * emulator through its real endpoint and credentials, so "Test OSS" makes real signed requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ProfileSaveRequest } from '../../../shared/api';
import { ApiError } from '../../../renderer/src/api/api-error';
import { checkKey, createProfilesStore } from '../../../renderer/src/stores/profiles-store';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';
import { emulatorProfile as profileFor } from '../../support/emulator-profile';

const SECRET_MARK = 'zz-secret-never-shown';

describe('profiles store', () => {
  let app: InProcessApp;
  let api: TrackedApi;
  let emulatorProfile: (name: string) => ProfileSaveRequest;
  let secret: string;

  beforeAll(async () => {
    app = await startInProcessApp();
    api = trackedApi(app.api);
    const emulator = app.runtime.context.emulator.instance;
    if (!emulator) throw new Error('the embedded emulator did not start');
    secret = emulator.accessKeySecret;
    emulatorProfile = (name) => ({
      profile: { ...profileFor(emulator, name), rtmpBase: emulator.rtmp },
      secrets: { accessKeySecret: secret, securityToken: `${SECRET_MARK}-token` },
    });
  });
  afterAll(async () => {
    await api?.settled();
    await app?.close();
  });

  /** A new API object, so the store under test is a fresh one (stores are kept per API). */
  const freshStore = (): ReturnType<typeof createProfilesStore> => createProfilesStore({ ...api });

  it('lists the built-in Local profile, in use, with the keychain available', async () => {
    const store = freshStore();
    await store.getState().load();
    const view = store.getState().view;
    expect(view?.current).toBe('Local');
    expect(view?.keychain.available).toBe(true);
    expect(view?.profiles.find((profile) => profile.name === 'Local')?.builtIn).toBe(true);
  });

  it('adds a profile whose secrets never come back, and whose OSS test passes against the emulator', async () => {
    const store = freshStore();
    await store.getState().load();
    const saved = await store.getState().save(emulatorProfile('Studio'));
    expect(saved.secrets).toEqual({ accessKeySecret: true, securityToken: true, obsPassword: false });
    expect(store.getState().editing).toMatchObject({ kind: 'existing', name: 'Studio' });

    const everything = JSON.stringify([saved, store.getState().view, await app.api.invoke('profiles.list'), await app.api.invoke('app.info')]);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(SECRET_MARK);

    // The STS token is bogus (the emulator has not issued it), so the OSS test must say so; remove it and test again.
    const withToken = await store.getState().check('oss', 'Studio');
    expect(withToken.ok).toBe(false);
    await store.getState().save({ ...emulatorProfile('Studio'), secrets: { securityToken: null }, originalName: 'Studio' });
    const check = await store.getState().check('oss', 'Studio');
    expect(check).toMatchObject({ ok: true });
    expect(check.message).toContain(app.runtime.context.emulator.instance?.bucket);
    expect(typeof check.latencyMs).toBe('number');
    expect(store.getState().checks['oss:studio']).toEqual({ status: 'done', result: check });
  });

  it('keeps the saved secrets when an edit leaves them out, and carries them over a rename', async () => {
    const store = freshStore();
    await store.getState().load();
    await store.getState().save({ profile: emulatorProfile('Rehearsal').profile, secrets: { accessKeySecret: secret } });

    const edited = { ...emulatorProfile('Rehearsal').profile, obsWebSocketUrl: 'ws://127.0.0.1:4456' };
    await store.getState().save({ profile: edited, originalName: 'Rehearsal' });
    expect(store.getState().view?.profiles.find((profile) => profile.name === 'Rehearsal')?.obsWebSocketUrl).toBe('ws://127.0.0.1:4456');
    expect((await store.getState().check('oss', 'Rehearsal')).ok).toBe(true);

    await store.getState().save({ profile: { ...edited, name: 'Rehearsal 2' }, originalName: 'Rehearsal' });
    const names = store.getState().view?.profiles.map((profile) => profile.name);
    expect(names).toContain('Rehearsal 2');
    expect(names).not.toContain('Rehearsal');
    expect(store.getState().editing).toMatchObject({ kind: 'existing', name: 'Rehearsal 2' });
    expect((await store.getState().check('oss', 'Rehearsal 2')).ok).toBe(true);
  });

  it('tests a form before it is saved, keeping the result with the form until another one opens', async () => {
    const store = freshStore();
    await store.getState().load();
    store.getState().startNew();
    const form = { profile: emulatorProfile('Not saved').profile, secrets: { accessKeySecret: secret } };
    const check = await store.getState().check('oss', form);
    expect(check).toMatchObject({ ok: true });
    expect(store.getState().checks[checkKey('oss')]).toEqual({ status: 'done', result: check });
    expect((await app.api.invoke('profiles.list')).profiles.map((profile) => profile.name)).not.toContain('Not saved');

    // An edit's result goes with the profile it edits, whatever name the form now has.
    await store.getState().save({ profile: emulatorProfile('Kept').profile, secrets: { accessKeySecret: secret } });
    const edit = await store.getState().check('oss', { profile: { ...form.profile, name: 'Kept renamed' }, originalName: 'Kept' });
    expect(store.getState().checks[checkKey('oss', 'Kept')]).toEqual({ status: 'done', result: edit });
    expect(edit.ok).toBe(true);

    // A form opened afresh starts with the saved settings, so no earlier result is shown with it.
    store.getState().startNew();
    store.getState().edit('Kept');
    expect(store.getState().checks).toEqual({});
  });

  it('reports a wrong secret as a failed OSS test that names the secret', async () => {
    const store = freshStore();
    await store.getState().load();
    await store.getState().save({ profile: emulatorProfile('Wrong key').profile, secrets: { accessKeySecret: 'not-the-secret' } });
    const check = await store.getState().check('oss', 'Wrong key');
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/secret/i);
  });

  it('switches the profile in use, follows profiles.changed, and falls back to Local when the one in use is removed', async () => {
    const store = freshStore();
    const other = freshStore();
    await Promise.all([store.getState().load(), other.getState().load()]);
    await store.getState().save({ profile: emulatorProfile('Stage').profile, secrets: { accessKeySecret: secret } });
    await store.getState().use('Stage');
    expect(store.getState().view?.current).toBe('Stage');
    // The other store learns of it through the event, as a second window would.
    await expect.poll(() => other.getState().view?.current, { timeout: 5_000 }).toBe('Stage');

    store.getState().edit('Stage');
    await store.getState().remove('Stage');
    expect(store.getState().editing).toBeUndefined();
    expect(store.getState().view?.current).toBe('Local');
    expect(store.getState().view?.profiles.some((profile) => profile.name === 'Stage')).toBe(false);
  });

  it('rejects an invalid profile with an ApiError naming the field', async () => {
    const store = freshStore();
    const bad = emulatorProfile('Bad bucket');
    const error: unknown = await store.getState().save({ ...bad, profile: { ...bad.profile, bucket: 'Not_A_Bucket' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).data).toMatchObject({ kind: 'validation', field: 'bucket' });
  });
});
