import { useTranslation } from 'react-i18next';

import type { ProfilesView } from '../../../../shared/api';

export interface ProfileListProps {
  view: ProfilesView;
  /** The profile open in the editor, highlighted. */
  editing: string | undefined;
  onUse(name: string): void;
  onEdit(name: string): void;
}

/** Every profile, the one in use marked, each with "Use" and "Edit". */
export function ProfileList({ view, editing, onUse, onEdit }: ProfileListProps): React.JSX.Element {
  const { t } = useTranslation();
  const current = view.current.toLowerCase();
  return (
    <table className="profile-list">
      <caption className="visually-hidden">{t('profiles.list.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('profiles.list.name')}</th>
          <th scope="col">{t('profiles.list.bucket')}</th>
          <th scope="col">{t('profiles.list.endpoint')}</th>
          <th scope="col">{t('profiles.list.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {view.profiles.map((profile) => {
          const inUse = profile.name.toLowerCase() === current;
          return (
            <tr key={profile.name} className={profile.name === editing ? 'selected' : undefined}>
              <th scope="row">
                <span className="profile-name">{profile.name}</span>
                {inUse && <span className="badge in-use">{t('profiles.list.inUse')}</span>}
                {profile.builtIn && <span className="badge idle">{t('profiles.list.builtIn')}</span>}
              </th>
              <td className="mono">{profile.bucket}</td>
              <td className="mono">{profile.builtIn ? t('profiles.list.localEndpoint') : profile.endpoint}</td>
              <td className="row">
                <button type="button" disabled={inUse} aria-label={t('profiles.list.useNamed', { name: profile.name })} onClick={() => onUse(profile.name)}>
                  {t('profiles.list.use')}
                </button>
                <button type="button" aria-label={t('profiles.list.editNamed', { name: profile.name })} onClick={() => onEdit(profile.name)}>
                  {t('profiles.list.edit')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
