import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A `<video>` playing an HLS playlist: hls.js where Media Source Extensions exist (Chromium, Electron), native HLS
 * where the browser has it (Safari). hls.js is loaded on first use, so it stays out of the app's first bundle.
 */
export function HlsPlayer({ src, label }: { src: string; label: string }): React.JSX.Element {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [unsupported, setUnsupported] = useState(false);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let cancelled = false;
    let destroy: (() => void) | undefined;
    void import('hls.js').then(({ default: Hls }) => {
      if (cancelled) return;
      if (Hls.isSupported()) {
        // A VOD preview is a static playlist: start at its beginning, not near a live edge.
        const hls = new Hls({ startPosition: 0 });
        hls.loadSource(src);
        hls.attachMedia(video);
        destroy = () => hls.destroy();
      } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
        video.src = src;
      } else {
        setUnsupported(true);
      }
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [src]);

  return (
    <div className="history-player">
      <video ref={videoRef} controls playsInline aria-label={label} />
      {unsupported && <p className="notice warning">{t('history.preview.unsupported')}</p>}
    </div>
  );
}
