import type { FileReply, FileRoute } from './api/file-routes';
import { matchRoute } from './api/file-routes';
import { findStaticFile } from './host/static-files';
import { contentSecurityPolicy } from './security';

/** The renderer's origin in the desktop app: a privileged custom scheme, not `file://` (which sends `Origin: null`). */
export const APP_ORIGIN = 'app://renderer';

/** The app's own origin or a URL on it (never a look-alike such as `app://renderer.evil/`). */
export const isAppUrl = (url: string | undefined): boolean => url === APP_ORIGIN || url?.startsWith(`${APP_ORIGIN}/`) === true;

/**
 * Answers an `app://renderer/…` request: the built renderer's files (index.html with the CSP), the media proxy and
 * export downloads. Anything else, or another host, is a 404. Plain Node, so it is tested without Electron.
 */
export async function handleAppRequest(url: string, rendererDir: string, routes: Record<string, FileRoute>): Promise<FileReply> {
  const parsed = new URL(url);
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return { status: 404, headers: {} };
  const match = matchRoute(routes, parsed.pathname);
  if (match) return match.route(match.rest, parsed.searchParams);
  const file = await findStaticFile(rendererDir, parsed.pathname);
  if (!file) return { status: 404, headers: {} };
  const html = file.file.endsWith('.html');
  return {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.size),
      'x-content-type-options': 'nosniff',
      ...(html ? { 'content-security-policy': contentSecurityPolicy(), 'cache-control': 'no-store' } : {}),
    },
    body: file.open(),
  };
}
