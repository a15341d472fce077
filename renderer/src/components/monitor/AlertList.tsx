import { useTranslation } from 'react-i18next';

import type { Alert } from '../../../../shared/monitor';
import { useLocalize } from '../../i18n/localize';
import { formatTime } from './format';

/**
 * Alerts, newest first: active ones stand out by severity; cleared ones fade into history. The title is localized
 * by the alert's id; the message (what is wrong and what to do) comes from the main process as translatable text.
 */
export function AlertList({ alerts }: { alerts: readonly Alert[] }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const show = useLocalize();
  const language = i18n.language;
  const active = alerts.filter((alert) => !alert.clearedAt);
  const cleared = alerts.filter((alert) => alert.clearedAt);
  return (
    <section className="panel alert-panel" aria-labelledby="alert-panel-title">
      <h3 id="alert-panel-title">{t('monitor.alerts.heading')}</h3>
      <div aria-live="polite">
        {alerts.length === 0 ? (
          <p className="muted">{t('monitor.alerts.none')}</p>
        ) : (
          <ul className="alerts">
            {[...active, ...cleared].map((alert) => (
              <li key={`${alert.id}@${alert.raisedAt.getTime()}`} className={`${alert.severity}${alert.clearedAt ? ' cleared' : ''}`}>
                <div className="row alert-head">
                  <span className={`severity severity-${alert.severity}`}>{t(`monitor.alerts.severity.${alert.severity}`)}</span>
                  <strong className="grow">{t(`monitor.alerts.titles.${alert.id}`)}</strong>
                  <span className="muted">
                    {alert.clearedAt
                      ? t('monitor.alerts.cleared', { time: formatTime(alert.clearedAt, language) })
                      : t('monitor.alerts.raised', { time: formatTime(alert.raisedAt, language) })}
                  </span>
                </div>
                <p className="alert-message">{show(alert.text, alert.message)}</p>
                {alert.throttled && !alert.clearedAt && <p className="muted">{t('monitor.alerts.repeated')}</p>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
