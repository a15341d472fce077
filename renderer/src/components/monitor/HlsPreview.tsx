import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { LatencyReading } from './latency';
import { formatDecimal } from './format';
import { readLatency } from './latency';
import type { PreviewStatus } from './preview-player';
import { startPreview } from './preview-player';

export interface HlsPreviewProps {
  /** The playlist's URL, resolved against the page (the main-process media proxy). */
  url: string;
  /** The channel's FragDuration, to show latency in segments. */
  fragDurationSeconds: number | undefined;
}

/**
 * The live preview: a muted video fed by hls.js through the media proxy, its state in words, and its latency behind
 * the live edge (refreshed once a second). Thin on purpose: the player logic is in preview-player.ts.
 */
export function HlsPreview({ url, fragDurationSeconds }: HlsPreviewProps): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<PreviewStatus>({ kind: 'loading' });
  const [latency, setLatency] = useState<LatencyReading>();

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return undefined;
    const player = startPreview(video, url, {
      status: setStatus,
      latency: (seconds, target) => setLatency(readLatency(seconds, target, fragDurationSeconds)),
    });
    return () => player.destroy();
  }, [url, fragDurationSeconds]);

  const language = i18n.language;
  return (
    <div className="hls-preview" data-state={status.kind}>
      <video ref={videoRef} muted autoPlay playsInline aria-label={t('monitor.preview.video')} />
      <p className="preview-status" aria-live="polite">
        {status.kind === 'loading' && t('monitor.preview.loading')}
        {status.kind === 'waiting' && t('monitor.preview.waiting')}
        {status.kind === 'playing' && t('monitor.preview.playing')}
        {status.kind === 'unsupported' && t('monitor.preview.unsupported')}
        {status.kind === 'error' && t('monitor.preview.error', { message: status.message })}
      </p>
      <dl className="latency" title={t('monitor.preview.latencyHint')}>
        <div>
          <dt>{t('monitor.preview.latency')}</dt>
          <dd className="mono" data-latency={latency?.seconds}>
            {latency ? t('monitor.preview.latencyValue', { seconds: formatDecimal(latency.seconds, language) }) : t('common.none')}
            {latency?.segments != null && (
              <span className="latency-ratio muted">{t('monitor.preview.latencyRatio', { ratio: formatDecimal(latency.segments, language) })}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('monitor.preview.target')}</dt>
          <dd className="mono">
            {latency?.targetSeconds != null
              ? t('monitor.preview.latencyValue', { seconds: formatDecimal(latency.targetSeconds, language) })
              : t('common.none')}
          </dd>
        </div>
      </dl>
    </div>
  );
}
