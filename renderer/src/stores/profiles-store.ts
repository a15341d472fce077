import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { ConnectionCheck, ProfileSaveRequest, ProfilesView, ProfileView, RendererApi } from '../../../shared/api';
import { errorMessage } from '../api/api-error';

export type CheckTarget = 'oss' | 'obs';

/** What a connection test tests: a saved profile (its name), or a profile form as it is (its save request). */
export type CheckSubject = string | ProfileSaveRequest;

/** A connection test of one profile: running, or its outcome. */
export type CheckState = { status: 'running' } | { status: 'done'; result: ConnectionCheck };

/**
 * What the profile editor has open. `session` changes only when the user opens another profile (not when a save
 * renames or creates one), so the form keeps its place across a save.
 */
export type Editing = { kind: 'new'; session: number } | { kind: 'existing'; name: string; session: number };

export interface ProfilesState {
  view: ProfilesView | undefined;
  loading: boolean;
  loadError: string | undefined;
  editing: Editing | undefined;
  /** Keyed by {@link checkKey}: one result per target and profile (a new profile's form is the name-less one). */
  checks: Record<string, CheckState>;

  load(): Promise<void>;
  startNew(): void;
  edit(name: string): void;
  closeEditor(): void;
  /** Saves and reloads; the editor then shows the saved profile. Rejects with the ApiError (`data.field` names a bad input). */
  save(request: ProfileSaveRequest): Promise<ProfileView>;
  remove(name: string): Promise<void>;
  use(name: string): Promise<void>;
  /**
   * Tests OSS or OBS with a saved profile, or with a form before it is saved (nothing is saved). Never rejects: a
   * failure is a check result too.
   */
  check(target: CheckTarget, subject: CheckSubject): Promise<ConnectionCheck>;
}

/** `name` is the saved profile's, or the one a form edits; absent (or empty) for a new profile's form. */
export const checkKey = (target: CheckTarget, name = ''): string => `${target}:${name.toLowerCase()}`;

/** The profile a check's result belongs to: the saved one named, or the one the form edits ('' for a new one). */
const subjectName = (subject: CheckSubject): string => (typeof subject === 'string' ? subject : (subject.originalName ?? ''));

const forget = (checks: Record<string, CheckState>, name: string): Record<string, CheckState> =>
  Object.fromEntries(Object.entries(checks).filter(([key]) => !key.endsWith(`:${name.toLowerCase()}`)));

/**
 * The Profiles & OBS screen's state: the profile list (never a secret, only whether each is set), the editor's
 * target and connection test results. Reloads when any window changes profiles.
 */
export function createProfilesStore(api: RendererApi): StoreApi<ProfilesState> {
  let latestLoad = 0;
  let sessions = 0;
  const store = createStore<ProfilesState>()((set, get) => ({
    view: undefined,
    loading: false,
    loadError: undefined,
    editing: undefined,
    checks: {},

    async load() {
      const ticket = ++latestLoad;
      set({ loading: true });
      try {
        const view = await api.invoke('profiles.list');
        // A slower, older answer must not overwrite a newer one.
        if (ticket === latestLoad) set({ view, loading: false, loadError: undefined });
      } catch (error) {
        if (ticket === latestLoad) set({ loading: false, loadError: errorMessage(error) });
      }
    },

    // A form opens with the saved settings (or none): results of tests made with another form's would mislead.
    startNew: () => set({ editing: { kind: 'new', session: ++sessions }, checks: forget(get().checks, '') }),
    edit: (name) => set({ editing: { kind: 'existing', name, session: ++sessions }, checks: forget(get().checks, name) }),
    closeEditor: () => set({ editing: undefined }),

    async save(request) {
      const saved = await api.invoke('profiles.save', request);
      // Reload first, so the editor never points at a name the list does not have yet.
      await get().load();
      // Results of tests made with the old settings would now mislead.
      let checks = forget(get().checks, saved.name);
      checks = forget(checks, request.originalName ?? '');
      set({ editing: { kind: 'existing', name: saved.name, session: get().editing?.session ?? ++sessions }, checks });
      return saved;
    },

    async remove(name) {
      await api.invoke('profiles.remove', name);
      const editing = get().editing;
      const wasOpen = editing?.kind === 'existing' && editing.name.toLowerCase() === name.toLowerCase();
      set({ checks: forget(get().checks, name), ...(wasOpen ? { editing: undefined } : {}) });
      await get().load();
    },

    async use(name) {
      await api.invoke('profiles.use', name);
      await get().load();
    },

    async check(target, subject) {
      const key = checkKey(target, subjectName(subject));
      set({ checks: { ...get().checks, [key]: { status: 'running' } } });
      const result = await api.invoke('profiles.check', target, subject).catch((error: unknown): ConnectionCheck => ({ ok: false, message: errorMessage(error) }));
      set({ checks: { ...get().checks, [key]: { status: 'done', result } } });
      return result;
    },
  }));
  // Another window, the CLI's host or a save elsewhere changed the profiles: show them as they are now.
  api.on('profiles.changed', () => {
    if (store.getState().view) void store.getState().load();
  });
  return store;
}
