import type { RendererApi } from '../../../shared/api';
import type { ElectronBridge } from './electron-transport';
import { electronTransport } from './electron-transport';
import { websocketTransport } from './websocket-transport';

declare global {
  interface Window {
    /** Set by electron/preload.ts in the desktop app; absent in browser mode. */
    ossLiveBridge?: ElectronBridge;
  }
}

/**
 * The one API the whole renderer uses. The desktop app provides it through the preload bridge; browser mode through
 * a WebSocket to the host that served this page, authenticated with the token the page was opened with.
 */
export function connectApi(location: Location = window.location): RendererApi {
  if (window.ossLiveBridge) return electronTransport(window.ossLiveBridge);
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return websocketTransport(`${scheme}//${location.host}/api?token=${encodeURIComponent(token)}`);
}
