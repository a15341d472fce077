import '../styles/history.css';

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { ChannelPicker } from '../components/common/ChannelPicker';
import { BroadcastTable } from '../components/history/BroadcastTable';
import { BroadcastTimeline } from '../components/history/BroadcastTimeline';
import { ClipPreviewPanel } from '../components/history/ClipPreviewPanel';
import { errorText } from '../components/history/error-text';
import { ExportPanel } from '../components/history/ExportPanel';
import { RangeEditor } from '../components/history/RangeEditor';
import { SaveClipPanel } from '../components/history/SaveClipPanel';
import { useHistory } from '../components/history/use-history';

/**
 * History & clips: a channel's broadcasts (the app's history merged with OSS's) on a timeline and in a table; pick
 * a range, preview it (GetVodPlaylist, nothing written), save it (PostVodPlaylist), share it, export it to a file.
 */
export function HistoryScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const channelsStatus = useHistory((state) => state.channelsStatus);
  const channelsError = useHistory((state) => state.channelsError);
  const channels = useHistory((state) => state.channels);
  const channel = useHistory((state) => state.channel);
  const selectChannel = useHistory((state) => state.selectChannel);
  const broadcastsStatus = useHistory((state) => state.broadcastsStatus);
  const broadcastsError = useHistory((state) => state.broadcastsError);
  const broadcastCount = useHistory((state) => state.broadcasts.length);
  const loadChannels = useHistory((state) => state.loadChannels);

  useEffect(() => {
    void loadChannels();
  }, [loadChannels]);

  return (
    <section className="screen history-screen" aria-labelledby="history-title">
      <div className="row">
        <h2 id="history-title" className="grow">
          {t('history.title')}
        </h2>
        <ChannelPicker
          className="field history-channel"
          label={t('history.channel.label')}
          channels={channels}
          value={channel}
          onSelect={(name) => void selectChannel(name)}
        />
        <button type="button" disabled={channelsStatus === 'loading' || broadcastsStatus === 'loading'} onClick={() => void loadChannels()}>
          {t('history.refresh')}
        </button>
      </div>
      <div aria-live="polite">
        {channelsStatus === 'loading' && <p className="muted">{t('history.channel.loading')}</p>}
        {channelsStatus === 'ready' && channels.length === 0 && <p className="notice">{t('history.channel.none')}</p>}
        {channelsStatus === 'error' && (
          <p className="notice error" role="alert">
            {errorText(t, channelsError)}
          </p>
        )}
      </div>
      <section className="panel" aria-labelledby="history-broadcasts-heading">
        <h3 id="history-broadcasts-heading">{t('history.broadcasts.heading')}</h3>
        <div aria-live="polite">
          {broadcastsStatus === 'loading' && broadcastCount === 0 && <p className="muted">{t('history.broadcasts.loading')}</p>}
          {broadcastsStatus === 'ready' && broadcastCount === 0 && <p className="muted">{t('history.broadcasts.empty')}</p>}
          {broadcastsStatus === 'error' && (
            <p className="notice error" role="alert">
              {errorText(t, broadcastsError)}
            </p>
          )}
        </div>
        <BroadcastTimeline />
        <BroadcastTable />
      </section>
      <div className="grid-2">
        <div className="history-column">
          <section className="panel">
            <RangeEditor />
          </section>
          <ClipPreviewPanel />
        </div>
        <div className="history-column">
          <SaveClipPanel />
          <ExportPanel />
        </div>
      </div>
    </section>
  );
}
