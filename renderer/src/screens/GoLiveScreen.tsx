import '../styles/golive.css';

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { useApi } from '../app/api-context';
import { GoLiveForm } from '../components/golive/GoLiveForm';
import { LivePanel } from '../components/golive/LivePanel';
import { RunPanel } from '../components/golive/RunPanel';
import { createGoLiveStore } from '../stores/golive-store';
import { storeFor, useAppStore } from '../stores/use-store';

/**
 * Go live: one button, a checklist that fills in step by step, and while live the broadcast with its Stop. On
 * opening, it catches up with a run or broadcast started elsewhere (another window, an OBS dock, before a reload).
 */
export function GoLiveScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const store = storeFor(useApi(), createGoLiveStore);
  const onAir = useAppStore(createGoLiveStore, (s) => s.phase === 'live' || s.phase === 'stopping');

  useEffect(() => {
    void store.getState().refresh();
    void store.getState().loadChannels();
  }, [store]);

  return (
    <section className="screen golive" aria-labelledby="golive-title">
      <h2 id="golive-title">{t('golive.title')}</h2>
      {onAir && <LivePanel />}
      <div className="grid-2">
        <GoLiveForm />
        <RunPanel />
      </div>
    </section>
  );
}
