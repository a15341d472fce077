import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useApi } from '../../app/api-context';
import { localize } from '../../i18n/localize';
import { createGoLiveStore } from '../../stores/golive-store';
import { storeFor, useAppStore } from '../../stores/use-store';
import { formatTime } from '../monitor/format';
import { expiryLevel, formatClock } from './clock';
import { useNow } from './use-now';

/** While live: how long, until when the signed URL lets OBS reconnect (warned ahead), and Stop. */
export function LivePanel(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const store = storeFor(useApi(), createGoLiveStore);
  const channel = useAppStore(createGoLiveStore, (s) => s.channel);
  const startedAt = useAppStore(createGoLiveStore, (s) => s.startedAt);
  const urlExpiresAt = useAppStore(createGoLiveStore, (s) => s.urlExpiresAt);
  const warnings = useAppStore(createGoLiveStore, (s) => s.warnings);
  const phase = useAppStore(createGoLiveStore, (s) => s.phase);
  const [disable, setDisable] = useState(false);
  const disableId = useId();
  const now = useNow();
  const language = i18n.language;
  const none = t('common.none');
  const level = urlExpiresAt ? expiryLevel(urlExpiresAt, now) : 'ok';
  const remaining = urlExpiresAt ? formatClock(urlExpiresAt.getTime() - now) : '';

  return (
    <section className="panel live-panel" aria-labelledby="live-panel-title">
      <div className="row">
        <h3 id="live-panel-title">{t('golive.live.heading')}</h3>
        <span className="badge live">{t('monitor.states.oss.Live')}</span>
        <strong className="mono">{channel}</strong>
      </div>
      <dl className="stats">
        <div className="stat">
          <dt className="label">{t('golive.live.elapsed')}</dt>
          <dd className="value mono">{startedAt ? formatClock(now - startedAt.getTime()) : none}</dd>
        </div>
        <div className="stat">
          <dt className="label">{t('golive.live.startedAt')}</dt>
          <dd className="value mono">{startedAt ? formatTime(startedAt, language) : none}</dd>
        </div>
        <div className="stat">
          <dt className="label">{t('golive.live.urlExpires')}</dt>
          <dd className={`value mono expiry-${level}`}>{urlExpiresAt ? remaining : none}</dd>
          {urlExpiresAt && <dd className="until">{t('golive.live.until', { time: urlExpiresAt.toLocaleString(language) })}</dd>}
        </div>
      </dl>
      {level === 'soon' && <p className="notice warning">{t('golive.live.expiryWarning', { remaining })}</p>}
      {level === 'expired' && <p className="notice error">{t('golive.live.expired')}</p>}
      {warnings.length > 0 && (
        <div className="notice warning">
          <strong>{t('golive.live.warnings')}</strong>
          <ul>
            {warnings.map((warning) => localize(i18n.language, warning)).map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="row actions">
        <button type="button" className="danger big" disabled={phase === 'stopping'} onClick={() => void store.getState().stop({ disable })}>
          {phase === 'stopping' ? t('golive.live.stopping') : t('golive.live.stop')}
        </button>
        <label className="row" htmlFor={disableId}>
          <input id={disableId} type="checkbox" checked={disable} onChange={(event) => setDisable(event.target.checked)} />
          <span>{t('golive.live.alsoDisable')}</span>
        </label>
        <a className="grow monitor-link" href="#/monitor">
          {t('golive.live.openMonitor')}
        </a>
      </div>
    </section>
  );
}
