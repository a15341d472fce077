/**
 * Storage across restarts: a clean restart keeps channels, objects, history and credentials; a crash (simulated by
 * copying the data dir while a session is live, then adding the leftovers a kill -9 can leave) is repaired at
 * start-up — no channel stuck Live, the cut session in the history, its playlist finished, leftovers handled.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { ourClient, startTestEmulator, tempDir, type TestEmulator } from './emulator-harness';

const running: TestEmulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((emulator) => emulator.dispose()));
});

async function start(dataDir: string): Promise<TestEmulator> {
  const emulator = await startTestEmulator({ dataDir });
  running.push(emulator);
  return emulator;
}

const segment = (startMs: number, text: string) => ({ name: `${startMs}.ts`, startTime: new Date(startMs), duration: 2, data: new TextEncoder().encode(text) });
const text = (body: Uint8Array): string => new TextDecoder().decode(body);

describe('a clean restart', () => {
  it('keeps channels, objects, history and the generated credentials', async () => {
    const dataDir = await tempDir();
    const first = await start(dataDir);
    const client = ourClient(first);
    await client.putLiveChannel('kept', { description: 'still here', fragDuration: 2, fragCount: 4 });
    const session = await first.state.beginSession('local', 'kept', { remoteAddr: '10.0.0.1:5000' });
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 10_000;
    await session.writeSegment(segment(t0, 'one'));
    await session.end();
    await first.stop();
    const credentialsFile = await stat(path.join(dataDir, 'credentials.json'));
    expect(credentialsFile.mode & 0o777).toBe(0o600);

    const second = await start(dataDir);
    expect(second.accessKeyId).toBe(first.accessKeyId);
    expect(second.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(second.accessKeySecret).toHaveLength(30);
    const again = ourClient(second);
    expect(await again.getLiveChannelInfo('kept')).toMatchObject({ description: 'still here', target: { fragDuration: 2, fragCount: 4 } });
    expect(await again.getLiveChannelHistory('kept')).toEqual([{ startTime: expect.any(Date), endTime: expect.any(Date), remoteAddr: '10.0.0.1:5000' }]);
    expect(text((await again.getObject(`kept/${t0}.ts`)).body)).toBe('one');
    expect(text((await again.getObject('kept/playlist.m3u8')).body)).toContain('#EXT-X-ENDLIST');
    // The segment's timing survived: VOD playlists still find it.
    expect(await again.getVodPlaylist('kept', { startTime: t0 / 1000, endTime: t0 / 1000 + 1 })).toContain(`${t0}.ts`);
  });
});

describe('after a crash mid-stream', () => {
  it('closes the cut session, finishes its playlist and repairs leftovers', async () => {
    const liveDir = await tempDir();
    const live = await start(liveDir);
    await ourClient(live).putLiveChannel('cut', { fragDuration: 2, fragCount: 2 });
    const session = await live.state.beginSession('local', 'cut', { remoteAddr: '10.0.0.2:6000', playlistName: 'show.m3u8' });
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    for (let i = 0; i < 3; i++) await session.writeSegment(segment(t0 + i * 2000, `segment ${i}`));
    expect((await ourClient(live).getLiveChannelStat('cut')).status).toBe('Live');

    // The state a kill -9 leaves: the data dir as it is now, with the session marker still present...
    const crashedDir = await tempDir();
    await cp(liveDir, crashedDir, { recursive: true });
    const bucketDir = path.join(crashedDir, 'buckets', 'local');
    expect(await readdir(path.join(bucketDir, 'sessions'))).toEqual(['cut.json']);
    // ...plus a temp file of an interrupted write, a data file whose record was never written, and a data file
    // replaced after its record was written.
    await writeFile(path.join(bucketDir, 'objects', 'cut', `.${t0 + 6000}.ts.4242.0123456789ab.tmp`), 'half a segment');
    await mkdir(path.join(bucketDir, 'objects', 'orphans'), { recursive: true });
    await writeFile(path.join(bucketDir, 'objects', 'orphans', 'no record.txt'), 'adopt me');
    await writeFile(path.join(bucketDir, 'objects', 'cut', `${t0}.ts`), 'rewritten segment 0');
    await writeFile(path.join(bucketDir, 'channels', '.cut.json.4242.0123456789ab.tmp'), '{"torn":');

    const recovered = await start(crashedDir);
    const client = ourClient(recovered);
    expect((await client.getLiveChannelStat('cut')).status).toBe('Idle');
    const history = await client.getLiveChannelHistory('cut');
    expect(history).toHaveLength(1);
    expect(history[0]?.remoteAddr).toBe('10.0.0.2:6000');
    expect(history[0]?.endTime.getTime()).toBe(t0 + 3 * 2000);
    expect(text((await client.getObject('cut/show.m3u8')).body)).toBe(
      `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.000,\n${t0 + 2000}.ts\n#EXTINF:2.000,\n${t0 + 4000}.ts\n#EXT-X-ENDLIST\n`,
    );
    expect(await readdir(path.join(bucketDir, 'sessions'))).toEqual([]);
    expect((await readdir(path.join(bucketDir, 'objects', 'cut'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await readdir(path.join(bucketDir, 'channels'))).sort()).toEqual(['cut.json']);
    const orphan = await client.getObject('orphans/no record.txt');
    expect(text(orphan.body)).toBe('adopt me');
    expect(orphan.etag).toBe(`"${createHash('md5').update('adopt me').digest('hex').toUpperCase()}"`);
    const rewritten = await client.headObject(`cut/${t0}.ts`);
    expect(rewritten).toMatchObject({ contentLength: 'rewritten segment 0'.length, etag: `"${createHash('md5').update('rewritten segment 0').digest('hex').toUpperCase()}"` });
    // A new session on the recovered channel works, and the original emulator still ends its own session cleanly.
    const next = await recovered.state.beginSession('local', 'cut', { remoteAddr: '10.0.0.3:7000' });
    await next.end();
    expect(await client.getLiveChannelHistory('cut')).toHaveLength(2);
    await session.end();
  });
});
