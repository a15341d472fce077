import { useTranslation } from 'react-i18next';

import type { ChannelStatView } from '../../../../shared/api';
import type { LiveChannelSummary } from '../../../../shared/live-channel';
import { ChannelBadge } from './ChannelBadge';

export interface ChannelTableProps {
  channels: readonly LiveChannelSummary[];
  stats: Record<string, ChannelStatView>;
  /** The channel whose URLs are open. */
  selected: string | undefined;
  onShowUrls(name: string): void;
  onEdit(name: string): void;
  onToggle(channel: LiveChannelSummary): void;
  onDelete(name: string): void;
}

/** One page of LiveChannels: name, live status badge, description, last change, and what can be done with each. */
export function ChannelTable({ channels, stats, selected, onShowUrls, onEdit, onToggle, onDelete }: ChannelTableProps): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const formatTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <table className="channel-table">
      <caption className="visually-hidden">{t('channels.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('channels.table.name')}</th>
          <th scope="col">{t('channels.table.status')}</th>
          <th scope="col">{t('channels.table.description')}</th>
          <th scope="col">{t('channels.table.lastModified')}</th>
          <th scope="col">{t('channels.table.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {channels.map((channel) => {
          const { name } = channel;
          const enabled = channel.status === 'enabled';
          return (
            <tr key={name} className={name === selected ? 'selected' : undefined} data-channel={name}>
              <th scope="row" className="mono">
                {name}
              </th>
              <td>
                <ChannelBadge status={channel.status} stat={stats[name]} />
              </td>
              <td className="channel-description">{channel.description}</td>
              <td>
                <time dateTime={channel.lastModified.toISOString()}>{formatTime.format(channel.lastModified)}</time>
              </td>
              <td className="row channel-actions">
                <button type="button" aria-pressed={name === selected} aria-label={t('channels.actions.urlsNamed', { name })} onClick={() => onShowUrls(name)}>
                  {t('channels.actions.urls')}
                </button>
                <button type="button" aria-label={t('channels.actions.editNamed', { name })} onClick={() => onEdit(name)}>
                  {t('channels.actions.edit')}
                </button>
                <button
                  type="button"
                  aria-label={t(enabled ? 'channels.actions.disableNamed' : 'channels.actions.enableNamed', { name })}
                  onClick={() => onToggle(channel)}
                >
                  {t(enabled ? 'channels.actions.disable' : 'channels.actions.enable')}
                </button>
                <button type="button" className="danger" aria-label={t('channels.actions.deleteNamed', { name })} onClick={() => onDelete(name)}>
                  {t('channels.actions.delete')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
