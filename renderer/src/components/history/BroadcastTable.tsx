import { useTranslation } from 'react-i18next';

import { formatDateTime } from '../common/format-date-time';
import { formatBitrate, formatDuration, formatPercent } from './format';
import { HealthBadge } from './HealthBadge';
import { useHistory } from './use-history';

/** The same broadcasts as the timeline, newest first, with their numbers; the start cell selects one. */
export function BroadcastTable(): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const broadcasts = useHistory((state) => state.broadcasts);
  const selectedId = useHistory((state) => state.selectedBroadcastId);
  const selectBroadcast = useHistory((state) => state.selectBroadcast);
  if (broadcasts.length === 0) return null;
  const none = t('history.health.noValue');
  const newestFirst = [...broadcasts].reverse();

  return (
    <table className="history-table">
      <caption className="visually-hidden">{t('history.broadcasts.heading')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history.broadcasts.columns.start')}</th>
          <th scope="col">{t('history.broadcasts.columns.end')}</th>
          <th scope="col">{t('history.broadcasts.columns.duration')}</th>
          <th scope="col">{t('history.broadcasts.columns.source')}</th>
          <th scope="col">{t('history.broadcasts.columns.bitrate')}</th>
          <th scope="col">{t('history.broadcasts.columns.dropped')}</th>
          <th scope="col">{t('history.broadcasts.columns.reconnects')}</th>
          <th scope="col">{t('history.broadcasts.columns.health')}</th>
        </tr>
      </thead>
      <tbody>
        {newestFirst.map((broadcast) => {
          const start = formatDateTime(i18n.language, broadcast.startedAt);
          const { health } = broadcast;
          return (
            <tr key={broadcast.id} aria-selected={broadcast.id === selectedId}>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-pressed={broadcast.id === selectedId}
                  aria-label={t('history.broadcasts.selectLabel', { start })}
                  onClick={() => selectBroadcast(broadcast.id)}
                >
                  {start}
                </button>
              </td>
              <td>{broadcast.endedAt ? formatDateTime(i18n.language, broadcast.endedAt) : t('history.broadcasts.running')}</td>
              <td className="mono">{broadcast.endedAt ? formatDuration(t, (broadcast.endedAt.getTime() - broadcast.startedAt.getTime()) / 1000) : none}</td>
              <td>{t(`history.broadcasts.source.${broadcast.source}`)}</td>
              <td className="mono">{health?.avgBitrateKbps == null ? none : formatBitrate(i18n.language, health.avgBitrateKbps)}</td>
              <td className="mono">{health?.droppedFramesPercent == null ? none : formatPercent(i18n.language, health.droppedFramesPercent)}</td>
              <td className="mono">{health ? health.reconnectCount : none}</td>
              <td>
                <HealthBadge health={health} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
