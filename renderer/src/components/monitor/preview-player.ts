/**
 * The preview's hls.js lifecycle, outside React: load hls.js on first use (it is large and only this screen needs
 * it), attach to the video, wait out a playlist that does not exist yet (OSS writes it with the first segment),
 * retry after network failures, recover once from a media error, and report the latency about once a second.
 */
import type Hls from 'hls.js';
import type { ErrorData } from 'hls.js';

import { errorMessage } from '../../api/api-error';
import { LATENCY_REFRESH_MS, PREVIEW_HLS_CONFIG, PREVIEW_RETRY_MS } from './hls-config';

export type PreviewStatus =
  | { kind: 'loading' }
  /** The playlist is not there yet (404): the channel has not produced its first segment. */
  | { kind: 'waiting' }
  | { kind: 'playing' }
  | { kind: 'error'; message: string }
  | { kind: 'unsupported' };

export interface PreviewListener {
  status(status: PreviewStatus): void;
  latency(latency: number, targetLatency: number | null): void;
}

export interface PreviewPlayer {
  destroy(): void;
}

/** Whether this window has Media Source Extensions (jsdom and some docks do not). */
export function canPlayHls(): boolean {
  return typeof window !== 'undefined' && ('MediaSource' in window || 'ManagedMediaSource' in window);
}

/** A playlist that is simply not there yet, as opposed to a real failure. */
export function isNotYetThere(data: Pick<ErrorData, 'response' | 'details'>): boolean {
  return data.response?.code === 404 || data.details === 'levelEmptyError';
}

/** Plays `url` (muted) in `video` until destroyed. */
export function startPreview(video: HTMLVideoElement, url: string, listener: PreviewListener): PreviewPlayer {
  let hls: Hls | undefined;
  let destroyed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let recoveredMedia = false;

  const onPlaying = (): void => listener.status({ kind: 'playing' });
  video.muted = true; // autoplay needs it, and a monitor must not echo the stream's audio
  video.addEventListener('playing', onPlaying);

  const teardown = (): void => {
    hls?.destroy();
    hls = undefined;
  };

  const load = async (): Promise<void> => {
    if (!canPlayHls()) return listener.status({ kind: 'unsupported' });
    const { default: HlsPlayer } = await import('hls.js');
    if (destroyed) return;
    if (!HlsPlayer.isSupported()) return listener.status({ kind: 'unsupported' });
    const player = new HlsPlayer(PREVIEW_HLS_CONFIG);
    hls = player;
    player.on(HlsPlayer.Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined));
    player.on(HlsPlayer.Events.ERROR, (_event, data) => {
      if (!data.fatal || player !== hls) return;
      if (data.type === HlsPlayer.ErrorTypes.MEDIA_ERROR && !recoveredMedia) {
        recoveredMedia = true;
        player.recoverMediaError();
        return;
      }
      listener.status(isNotYetThere(data) ? { kind: 'waiting' } : { kind: 'error', message: data.error.message || data.details });
      teardown();
      retry = setTimeout(() => void load(), PREVIEW_RETRY_MS);
    });
    listener.status({ kind: 'loading' });
    player.loadSource(url);
    player.attachMedia(video);
  };

  const ticker = setInterval(() => {
    if (hls) listener.latency(hls.latency, hls.targetLatency);
  }, LATENCY_REFRESH_MS);
  void load().catch((error: unknown) => listener.status({ kind: 'error', message: errorMessage(error) }));

  return {
    destroy() {
      destroyed = true;
      clearInterval(ticker);
      clearTimeout(retry);
      video.removeEventListener('playing', onPlaying);
      teardown();
    },
  };
}
