import { useTranslation } from 'react-i18next';

import { formatDateTime } from '../common/format-date-time';
import { formatDuration } from './format';
import { HealthBadge, healthLevel, useHealthSummary } from './HealthBadge';
import { useHistory } from './use-history';

/**
 * The channel's broadcasts as bars on one time axis (oldest left, newest right), each from its start to its end.
 * A bar is a button: clicking it (or Enter/Space) selects the broadcast's whole span as the clip range.
 */
export function BroadcastTimeline(): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const broadcasts = useHistory((state) => state.broadcasts);
  const loadedAt = useHistory((state) => state.broadcastsLoadedAt);
  const selectedId = useHistory((state) => state.selectedBroadcastId);
  const channel = useHistory((state) => state.channel);
  const selectBroadcast = useHistory((state) => state.selectBroadcast);
  const healthSummary = useHealthSummary();
  if (broadcasts.length === 0 || !loadedAt) return null;

  const spans = broadcasts.map((broadcast) => {
    const start = broadcast.startedAt.getTime();
    return { broadcast, start, end: Math.max(start, (broadcast.endedAt ?? loadedAt).getTime()) };
  });
  const first = Math.min(...spans.map((span) => span.start));
  const last = Math.max(...spans.map((span) => span.end));
  const total = Math.max(last - first, 1);

  return (
    <div className="history-timeline" role="group" aria-label={t('history.broadcasts.timelineLabel', { channel: channel ?? '' })}>
      <div className="history-timeline-track">
        {spans.map(({ broadcast, start, end }) => {
          const duration = broadcast.endedAt ? formatDuration(t, (end - start) / 1000) : t('history.broadcasts.running');
          const summary = healthSummary(broadcast.health);
          return (
            <button
              key={broadcast.id}
              type="button"
              className={`history-bar health-${healthLevel(broadcast.health)}`}
              style={{ left: `${((start - first) / total) * 100}%`, width: `${((end - start) / total) * 100}%` }}
              aria-pressed={broadcast.id === selectedId}
              aria-label={t('history.broadcasts.barLabel', { start: formatDateTime(i18n.language, broadcast.startedAt), duration, health: summary })}
              title={summary}
              onClick={() => selectBroadcast(broadcast.id)}
            >
              <span className="history-bar-duration">{duration}</span>
              <HealthBadge health={broadcast.health} />
            </button>
          );
        })}
      </div>
      <div className="history-timeline-axis muted">
        <span>{formatDateTime(i18n.language, new Date(first))}</span>
        <span>{formatDateTime(i18n.language, new Date(last))}</span>
      </div>
    </div>
  );
}
