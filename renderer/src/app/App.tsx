import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { AppInfo } from '../../../shared/api';
import { LANGUAGES, setLanguage } from '../i18n';
import type { LanguageCode } from '../i18n';
import { ChannelsScreen } from '../screens/ChannelsScreen';
import { GoLiveScreen } from '../screens/GoLiveScreen';
import { HistoryScreen } from '../screens/HistoryScreen';
import { MonitorScreen } from '../screens/MonitorScreen';
import { ProfilesScreen } from '../screens/ProfilesScreen';
import { useApi } from './api-context';
import type { ScreenId } from './navigation';
import { SCREENS, screenFromHash } from './navigation';

const SCREEN_COMPONENTS: Record<ScreenId, () => React.JSX.Element> = {
  golive: GoLiveScreen,
  monitor: MonitorScreen,
  channels: ChannelsScreen,
  history: HistoryScreen,
  profiles: ProfilesScreen,
};

/** The window: a header (profile, language), the navigation, and one screen at a time. */
export function App(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [screen, setScreen] = useState<ScreenId>(() => screenFromHash(window.location.hash));
  const [info, setInfo] = useState<AppInfo>();

  useEffect(() => {
    const onHash = (): void => setScreen(screenFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    const load = (): void => void api.invoke('app.info').then(setInfo, () => undefined);
    load();
    return api.on('profiles.changed', load);
  }, [api]);

  const Screen = SCREEN_COMPONENTS[screen];
  return (
    <div className="app">
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <h1 className="app-title">{t('app.title')}</h1>
        {info && (
          <span className="profile-badge" title={t('app.profile')}>
            {info.profile.local ? t('app.localEmulator') : info.profile.name}
          </span>
        )}
        <label className="language-picker">
          <span>{t('app.language')}</span>
          <select value={i18n.language} onChange={(event) => void setLanguage(event.target.value as LanguageCode)}>
            {LANGUAGES.map((language) => (
              <option key={language.code} value={language.code}>
                {language.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <nav className="app-nav" aria-label={t('app.title')}>
        {SCREENS.map((id) => (
          <a key={id} href={`#/${id}`} className="nav-link" aria-current={id === screen ? 'page' : undefined}>
            {t(`app.nav.${id}`)}
          </a>
        ))}
      </nav>
      <main id="content" className="app-main" tabIndex={-1}>
        <Screen />
      </main>
    </div>
  );
}
