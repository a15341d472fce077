import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticFile {
  file: string;
  size: number;
  contentType: string;
  open(): NodeJS.ReadableStream;
}

/**
 * Resolves a URL path to a file inside `root` (the built renderer), or undefined. `/` is index.html; anything that
 * would escape `root` is refused.
 */
export async function findStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return undefined;
  }
  const file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) return undefined;
  try {
    const info = await stat(file);
    if (!info.isFile()) return undefined;
    return {
      file,
      size: info.size,
      contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      open: () => createReadStream(file),
    };
  } catch {
    return undefined;
  }
}
