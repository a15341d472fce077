import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import type { SavedObsSettings } from '../../../electron/golive';
import { ObsSnapshotStore, SnapshotFileError, appliedTarget, pointsAt } from '../../../electron/golive';

const WRITER = fileURLToPath(new URL('./snapshot-writer-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];

async function store(): Promise<ObsSnapshotStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'golive-snapshots-'));
  dirs.push(dir);
  return new ObsSnapshotStore(dir);
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const saved = (obsUrl: string, channel = 'show'): SavedObsSettings => ({
  obsUrl,
  savedAt: new Date('2026-03-01T12:00:00.000Z'),
  channel,
  service: { streamServiceType: 'rtmp_common', streamServiceSettings: { service: 'Twitch', key: 'live_123', bwtest: false } },
  target: appliedTarget({ server: 'rtmp://bucket.oss-cn-hangzhou.aliyuncs.com/live', key: 'show?Expires=1&Signature=s' }),
});

describe('ObsSnapshotStore', () => {
  it('saves and reads back the user’s settings exactly, one file per OBS (URL spelling ignored), mode 0600', async () => {
    const snapshots = await store();
    await snapshots.save(saved('ws://127.0.0.1:4455', 'one'));
    await snapshots.save(saved('ws://127.0.0.1:4460', 'two'));
    expect(await snapshots.read('WS://127.0.0.1:4455/')).toEqual({ ...saved('ws://127.0.0.1:4455', 'one') });
    expect((await snapshots.read('ws://127.0.0.1:4460'))?.channel).toBe('two');
    expect(await snapshots.read('ws://127.0.0.1:4470')).toBeUndefined();
    expect((await stat(snapshots.fileFor('ws://127.0.0.1:4455'))).mode & 0o777).toBe(0o600);
    expect((await stat(snapshots.directory)).mode & 0o777).toBe(0o700);
  });

  it('never writes the stream key the app set, only its fingerprint', async () => {
    const snapshots = await store();
    await snapshots.save(saved('ws://127.0.0.1:4455'));
    const text = await readFile(snapshots.fileFor('ws://127.0.0.1:4455'), 'utf8');
    expect(text).not.toContain('Signature=s');
    expect(pointsAt({ streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://bucket.oss-cn-hangzhou.aliyuncs.com/live', key: 'show?Expires=1&Signature=s' } }, saved('x').target)).toBe(true);
    expect(pointsAt({ streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://bucket.oss-cn-hangzhou.aliyuncs.com/live', key: 'other' } }, saved('x').target)).toBe(false);
  });

  it('reports a damaged file naming the field, and leaves it as it was', async () => {
    const snapshots = await store();
    const file = snapshots.fileFor('ws://127.0.0.1:4455');
    await snapshots.save(saved('ws://127.0.0.1:4455'));
    const damaged = (await readFile(file, 'utf8')).replace('"streamServiceType": "rtmp_common"', '"streamServiceType": 7');
    await writeFile(file, damaged);
    await expect(snapshots.read('ws://127.0.0.1:4455')).rejects.toSatisfy(
      (error: unknown) => error instanceof SnapshotFileError && error.field === 'service.streamServiceType' && error.message.includes('left unchanged'),
    );
    await writeFile(file, '{"schemaVersion": 1, "obsUrl": ');
    await expect(snapshots.read('ws://127.0.0.1:4455')).rejects.toThrow(/not valid JSON/);
    expect(await readFile(file, 'utf8')).toBe('{"schemaVersion": 1, "obsUrl": ');
  });

  it('removes a snapshot once; removing again is a no-op', async () => {
    const snapshots = await store();
    await snapshots.save(saved('ws://127.0.0.1:4455'));
    expect(await snapshots.remove('ws://127.0.0.1:4455')).toBe(true);
    expect(await snapshots.remove('ws://127.0.0.1:4455')).toBe(false);
    expect(await snapshots.read('ws://127.0.0.1:4455')).toBeUndefined();
  });

  it('gives readers a whole snapshot while saves race each other', async () => {
    const snapshots = await store();
    const url = 'ws://127.0.0.1:4455';
    const channels = Array.from({ length: 12 }, (_, index) => `channel-${index}`);
    const reads: Array<string | undefined> = [];
    await Promise.all([
      ...channels.map((channel) => snapshots.save(saved(url, channel))),
      ...channels.map(async () => reads.push((await snapshots.read(url))?.channel)),
    ]);
    expect(reads.every((channel) => channel === undefined || channels.includes(channel))).toBe(true);
    expect(channels).toContain((await snapshots.read(url))?.channel);
    expect(await readdir(snapshots.directory)).toEqual([path.basename(snapshots.fileFor(url))]);
  });

  it('survives a writer killed mid-save: the file is always one whole version', async () => {
    const snapshots = await store();
    const url = 'ws://127.0.0.1:4455';
    for (const runMs of [40, 130]) {
      await new Promise<void>((resolve, reject) => {
        const child = spawn('node', ['--import', 'tsx', WRITER, path.dirname(snapshots.directory), url], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const deadline = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), runMs));
        child.on('exit', (_code, signal) => {
          clearTimeout(deadline);
          if (signal === 'SIGKILL') resolve();
          else reject(new Error(`writer stopped on its own:\n${stderr}`));
        });
      });
      const survivor = await snapshots.read(url);
      const settings = survivor?.service.streamServiceSettings as Record<string, unknown>;
      const generation = settings.generation;
      expect(survivor?.channel).toBe(`channel-${String(generation)}`);
      expect(Object.entries(settings).filter(([key]) => key.startsWith('field')).every(([, value]) => String(value).startsWith(`${String(generation)}:`))).toBe(true);
    }
  });
});
