import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { LiveChannelSummary } from '../../../../shared/live-channel';
import { useApi } from '../../app/api-context';
import { createChannelsStore } from '../../stores/channels-store';
import { storeFor, useAppStore } from '../../stores/use-store';
import { CopyField } from '../common/CopyField';
import { ExpiryPicker } from '../common/ExpiryPicker';
import { formatDateTime } from '../common/format-date-time';
import { useRestoreFocus } from '../common/use-restore-focus';

/**
 * The selected channel's URLs, each with a Copy button: the signed publish URL and its OBS split (Server + Stream
 * key), the plain play URL from the listing, and a signed play URL for private buckets. One expiry signs both.
 */
export function ChannelUrls({ channel }: { channel: LiveChannelSummary }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const store = storeFor(useApi(), createChannelsStore);
  const urls = useAppStore(createChannelsStore, (state) => state.urls);
  const expiresInSeconds = useAppStore(createChannelsStore, (state) => state.expiresInSeconds);
  const current = urls?.channel === channel.name ? urls : undefined;
  const playUrl = channel.playUrls[0];
  const heading = useRef<HTMLHeadingElement>(null);
  useRestoreFocus();
  // The panel opens below the list: take keyboard users there.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="panel channel-urls" aria-labelledby={headingId}>
      <div className="row">
        <h3 id={headingId} ref={heading} className="grow" tabIndex={-1}>
          {t('channels.urls.heading', { name: channel.name })}
        </h3>
        <button type="button" className="link" onClick={() => void store.getState().select(undefined)}>
          {t('channels.urls.close')}
        </button>
      </div>
      <ExpiryPicker label={t('channels.urls.expiry')} value={expiresInSeconds} onChange={(seconds) => void store.getState().setExpiry(seconds)} />
      <div aria-live="polite" className="channel-urls-status">
        {current?.loading && <p className="muted">{t('channels.urls.signing')}</p>}
      </div>
      {current?.publish && (
        <>
          <CopyField label={t('channels.urls.publish')} value={current.publish.url} />
          <div className="grid-2">
            <CopyField label={t('channels.urls.server')} value={current.publish.server} />
            <CopyField label={t('channels.urls.streamKey')} value={current.publish.streamKey} />
          </div>
          <p className="muted">{t('channels.urls.expiresAt', { time: formatDateTime(i18n.language, current.publish.expiresAt) })}</p>
        </>
      )}
      {current?.publishError && <p className="notice error">{t('channels.urls.failed', { message: current.publishError })}</p>}
      {playUrl ? <CopyField label={t('channels.urls.play')} value={playUrl} /> : <p className="muted">{t('channels.urls.noPlayUrl')}</p>}
      {current?.play && (
        <>
          <CopyField label={t('channels.urls.signedPlay')} value={current.play.url} />
          <p className="muted">{t('channels.urls.playExpiresAt', { time: formatDateTime(i18n.language, current.play.expiresAt) })}</p>
        </>
      )}
      {current?.playError && <p className="notice error">{t('channels.urls.failed', { message: current.playError })}</p>}
    </section>
  );
}
