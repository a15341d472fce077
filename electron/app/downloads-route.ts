import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

import type { FileReply, FileRoute } from '../api/file-routes';

const notFound: FileReply = { status: 404, headers: {} };

/** Finished exports, for browser mode to download: `<exportId>/<file name>` inside the exports directory only. */
export function downloadsRoute(exportsDir: string): FileRoute {
  return async (urlPath): Promise<FileReply> => {
    const parts = urlPath.split('/');
    const [id, encodedName] = parts;
    let name: string;
    try {
      name = decodeURIComponent(encodedName ?? '');
    } catch {
      name = '';
    }
    if (parts.length !== 2 || !/^[0-9a-f]{16}$/.test(id ?? '') || !name || name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      return notFound;
    }
    const file = path.join(exportsDir, id ?? '', name);
    try {
      const info = await stat(file);
      return {
        status: 200,
        headers: {
          'content-type': name.endsWith('.mp4') ? 'video/mp4' : 'video/mp2t',
          'content-length': String(info.size),
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        },
        body: createReadStream(file),
      };
    } catch {
      return notFound;
    }
  };
}
