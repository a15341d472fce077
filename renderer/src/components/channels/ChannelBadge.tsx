import { useTranslation } from 'react-i18next';

import type { ChannelStatView } from '../../../../shared/api';
import type { ChannelStatus } from '../../../../shared/live-channel';

export interface ChannelBadgeProps {
  /** The configured status from the listing, used until the live status arrives. */
  status: ChannelStatus;
  /** GetLiveChannelStat for the channel, when it has been read. */
  stat: ChannelStatView | undefined;
}

/** Live / Idle / Disabled from GetLiveChannelStat; "Unknown" (with the reason as a tooltip) when it could not be read. */
export function ChannelBadge({ status, stat }: ChannelBadgeProps): React.JSX.Element {
  const { t } = useTranslation();
  if (stat && 'stat' in stat) {
    const live = stat.stat.status;
    return <span className={`badge ${live.toLowerCase()}`}>{t(`channels.badge.${live}`)}</span>;
  }
  if (stat) {
    return (
      <span className="badge unknown" title={stat.error}>
        {t('channels.badge.unknown')}
      </span>
    );
  }
  // Not read yet: a disabled channel is Disabled whatever the stat says; anything else is only pending.
  if (status === 'disabled') return <span className="badge disabled">{t('channels.badge.Disabled')}</span>;
  return (
    <span className="badge unknown" aria-busy="true">
      {t('channels.badge.pending')}
    </span>
  );
}
