import { useTranslation } from 'react-i18next';

import type { HealthSummary } from '../../../../shared/history';
import { formatBitrate, formatPercent } from './format';

export type HealthLevel = 'good' | 'warning' | 'unknown';

/** Reconnects or 1 % dropped frames make a broadcast worth a second look; no summary means no data. */
export function healthLevel(health: HealthSummary | undefined): HealthLevel {
  if (!health) return 'unknown';
  return health.reconnectCount > 0 || (health.droppedFramesPercent ?? 0) >= 1 ? 'warning' : 'good';
}

/** `2.5 Mbps avg · 0.3 % dropped · 1 reconnects`, with "n/a" where the monitor had no data. */
export function useHealthSummary(): (health: HealthSummary | undefined) => string {
  const { t, i18n } = useTranslation();
  return (health) => {
    if (!health) return t('history.health.unknown');
    const none = t('history.health.noValue');
    return t('history.health.summary', {
      bitrate: health.avgBitrateKbps === null ? none : formatBitrate(i18n.language, health.avgBitrateKbps),
      dropped: health.droppedFramesPercent === null ? none : formatPercent(i18n.language, health.droppedFramesPercent),
      reconnects: health.reconnectCount,
    });
  };
}

/** A broadcast's health at a glance: a coloured badge, the numbers behind it as its title. */
export function HealthBadge({ health }: { health: HealthSummary | undefined }): React.JSX.Element {
  const { t } = useTranslation();
  const summary = useHealthSummary();
  const level = healthLevel(health);
  return (
    <span className={`badge health-${level}`} title={summary(health)}>
      {t(`history.health.${level}`)}
    </span>
  );
}
