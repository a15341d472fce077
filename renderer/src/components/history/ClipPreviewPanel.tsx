import { useTranslation } from 'react-i18next';

import { errorText } from './error-text';
import { formatDuration } from './format';
import { HlsPlayer } from './HlsPlayer';
import { useHistory } from './use-history';

/** Segment rows listed at most; a day-long clip has thousands and the total says the rest. */
const MAX_ROWS = 100;

/** What GetVodPlaylist returned for the range: the segments, the total length and a player. Nothing is written. */
export function ClipPreviewPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const preview = useHistory((state) => state.clipPreview);
  const result = preview.status === 'done' ? preview.result : undefined;

  return (
    <section className="panel history-preview" aria-labelledby="history-preview-heading">
      <h3 id="history-preview-heading">{t('history.preview.heading')}</h3>
      <div aria-live="polite">
        {preview.status === 'idle' && <p className="muted">{t('history.preview.note')}</p>}
        {preview.status === 'busy' && <p>{t('history.preview.busy')}</p>}
        {preview.status === 'error' && (
          <p className="notice error" role="alert">
            {errorText(t, preview.error)}
          </p>
        )}
        {result && <p>{t('history.preview.summary', { count: result.segments.length, duration: formatDuration(t, result.durationSeconds) })}</p>}
      </div>
      {result && (
        <>
          <HlsPlayer src={new URL(result.previewUrl, document.baseURI).href} label={t('history.preview.playerLabel')} />
          <div className="history-segments">
            <table>
              <caption>{t('history.preview.segmentsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('history.preview.segment')}</th>
                  <th scope="col">{t('history.preview.duration')}</th>
                </tr>
              </thead>
              <tbody>
                {result.segments.slice(0, MAX_ROWS).map((segment) => (
                  <tr key={segment.uri}>
                    <td className="mono">{segment.uri}</td>
                    <td className="mono">{segment.duration.toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.segments.length > MAX_ROWS && <p className="muted">{t('history.preview.more', { count: result.segments.length - MAX_ROWS })}</p>}
          </div>
        </>
      )}
    </section>
  );
}
