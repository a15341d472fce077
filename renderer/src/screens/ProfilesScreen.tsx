import '../styles/common.css';
import '../styles/profiles.css';

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ProfileView } from '../../../shared/api';
import { errorMessage } from '../api/api-error';
import { useApi } from '../app/api-context';
import { useLocalize } from '../i18n/localize';
import { ProfileEditor } from '../components/profiles/ProfileEditor';
import { ProfileList } from '../components/profiles/ProfileList';
import { createProfilesStore } from '../stores/profiles-store';
import { storeFor, useAppStore } from '../stores/use-store';

type Notice = { tone: 'ok' | 'error'; text: string };

/** Profiles & OBS: the profiles (one in use), an editor for one of them, and connection tests. */
export function ProfilesScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const show = useLocalize();
  const store = storeFor(useApi(), createProfilesStore);
  const view = useAppStore(createProfilesStore, (state) => state.view);
  const loadError = useAppStore(createProfilesStore, (state) => state.loadError);
  const editing = useAppStore(createProfilesStore, (state) => state.editing);
  const [notice, setNotice] = useState<Notice>();
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const use = async (name: string): Promise<void> => {
    try {
      await store.getState().use(name);
      setNotice({ tone: 'ok', text: t('profiles.use.done', { name }) });
    } catch (error) {
      setNotice({ tone: 'error', text: t('profiles.use.failed', { message: errorMessage(error) }) });
    }
  };

  const saved = (profile: ProfileView): void => setNotice({ tone: 'ok', text: t('profiles.editor.saved', { name: profile.name }) });
  const removed = (name: string): void => {
    setNotice({ tone: 'ok', text: t('profiles.remove.done', { name }) });
    addButton.current?.focus();
  };

  const editingName = editing?.kind === 'existing' ? editing.name.toLowerCase() : undefined;
  const original = editingName === undefined ? undefined : view?.profiles.find((profile) => profile.name.toLowerCase() === editingName);

  return (
    <section className="screen profiles-screen">
      <h2>{t('profiles.title')}</h2>
      <p className="muted">{t('profiles.intro')}</p>
      {view && !view.keychain.available && (
        <div className="notice error keychain-warning" role="alert">
          <strong>{t('profiles.keychain.unavailableTitle')}</strong>
          {view.keychain.message && <p>{show(view.keychain.text, view.keychain.message)}</p>}
          <p>{t('profiles.keychain.unavailableHint')}</p>
        </div>
      )}
      {loadError && (
        <p className="notice error" role="alert">
          {t('profiles.loadFailed', { message: loadError })}
        </p>
      )}
      <div className="screen-status" role="status">
        {notice && <p className={notice.tone === 'ok' ? 'notice ok' : 'notice error'}>{notice.text}</p>}
      </div>
      <div className="grid-2">
        <div className="panel">
          <div className="row">
            <h3 className="grow">{t('profiles.list.caption')}</h3>
            <button ref={addButton} type="button" disabled={!view} onClick={() => store.getState().startNew()}>
              {t('profiles.list.add')}
            </button>
          </div>
          {view ? (
            <ProfileList view={view} editing={original?.name} onUse={(name) => void use(name)} onEdit={(name) => store.getState().edit(name)} />
          ) : (
            !loadError && <p className="muted">{t('common.loading')}</p>
          )}
        </div>
        {view && editing && (editing.kind === 'new' || original) && (
          <ProfileEditor
            key={editing.session}
            original={original}
            keychain={view.keychain}
            onSaved={saved}
            onRemoved={removed}
          />
        )}
      </div>
    </section>
  );
}
