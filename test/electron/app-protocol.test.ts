import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FileReply } from '../../electron/api/file-routes';
import { APP_ORIGIN, handleAppRequest } from '../../electron/app-protocol';
import { contentSecurityPolicy } from '../../electron/security';

async function text(reply: FileReply): Promise<string> {
  if (reply.body === undefined) return '';
  if (reply.body instanceof Uint8Array) return Buffer.from(reply.body).toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of reply.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe('handleAppRequest (app://renderer)', () => {
  let root = '';
  let rendererDir = '';
  const mediaCalls: Array<[string, string]> = [];
  const routes = {
    '/media/': async (rest: string, query: URLSearchParams): Promise<FileReply> => {
      mediaCalls.push([rest, query.toString()]);
      return { status: 200, headers: { 'content-type': 'video/mp2t' }, body: new TextEncoder().encode('segment') };
    },
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'oss-live-app-protocol-'));
    rendererDir = path.join(root, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    // A file right next to the renderer: reachable only by escaping it.
    await writeFile(path.join(root, 'secret.txt'), 'do not serve');
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('serves index.html (also for /) with the CSP, nosniff and no caching', async () => {
    for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/`]) {
      const reply = await handleAppRequest(url, rendererDir, routes);
      expect(reply.status).toBe(200);
      expect(reply.headers).toMatchObject({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      expect(await text(reply)).toContain('<div id="root">');
    }
  });

  it('serves assets with their type and without a CSP of their own', async () => {
    const reply = await handleAppRequest(`${APP_ORIGIN}/assets/app.js`, rendererDir, routes);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBeUndefined();
    expect(await text(reply)).toBe('console.log(1)');
  });

  it.each([
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  ])('refuses path traversal: %s', async (pathname) => {
    const reply = await handleAppRequest(`${APP_ORIGIN}${pathname}`, rendererDir, routes);
    expect(reply.status).toBe(404);
    expect(await text(reply)).not.toContain('do not serve');
  });

  it.each(['app://evil/index.html', 'app://renderer.evil/index.html', 'app://evil/media/ch/playlist.m3u8', 'https://renderer/index.html'])(
    'answers 404 with no body for another origin: %s',
    async (url) => {
      const calls = mediaCalls.length;
      const reply = await handleAppRequest(url, rendererDir, routes);
      expect(reply).toEqual({ status: 404, headers: {} });
      expect(mediaCalls).toHaveLength(calls);
    },
  );

  it('hands route paths (still encoded) and queries to their route', async () => {
    const reply = await handleAppRequest(`${APP_ORIGIN}/media/my%20ch/playlist.m3u8?x=1`, rendererDir, routes);
    expect(reply.status).toBe(200);
    expect(await text(reply)).toBe('segment');
    expect(mediaCalls.at(-1)).toEqual(['my%20ch/playlist.m3u8', 'x=1']);
  });

  it('answers 404 for files that do not exist and for directories', async () => {
    for (const pathname of ['/missing.js', '/assets', '/assets/']) {
      expect((await handleAppRequest(`${APP_ORIGIN}${pathname}`, rendererDir, routes)).status).toBe(404);
    }
  });
});
