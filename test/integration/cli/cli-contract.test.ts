import { createHmac } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { commands } from '../../../electron/cli/commands';
import { cleanEnv, runCli, runCliInProcess } from '../../support/cli';
import type { RecordingServer } from '../../support/recording-server';
import { startRecordingServer } from '../../support/recording-server';
import { fixture } from '../../unit/oss/fixtures';

// The docs' example key pair (spec §10).
const AK = '44CF9590006BF252F707';
const SK = 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV';

describe('oss-live CLI contract', () => {
  let server: RecordingServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startRecordingServer();
    env = { OSS_ENDPOINT: server.url, OSS_BUCKET: 'examplebucket', OSS_REGION: 'cn-hangzhou', OSS_ACCESS_KEY_ID: AK, OSS_ACCESS_KEY_SECRET: SK };
  });
  afterAll(() => server.close());

  const xml = (body: string, status = 200) => ({ status, headers: { 'content-type': 'application/xml', 'x-oss-request-id': '5C3D9175B6FC201293AD4890' }, body });

  it('prints help for the tool and for every command, exit 0', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of commands) {
      expect(top.stdout).toContain(command.path.join(' '));
      const help = await runCliInProcess([...command.path, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: oss-live ${command.path.join(' ')}`);
    }
  });

  it('exits 2 naming the field for usage and validation errors, before any request', async () => {
    const before = server.requests.length;
    const cases: Array<[string[], RegExp]> = [
      [['bogus'], /unknown command 'bogus'/],
      [['channel', 'info'], /NAME: is required/],
      [['channel', 'info', 'a', '--nope'], /--nope/],
      [['channel', 'create', 'a', '--frag-count', '3'], /--frag-duration: --frag-duration and --frag-count must be given together/],
      [['channel', 'create', 'a', '--frag-count', '3', '--frag-duration', 'x'], /--frag-duration: expected an integer/],
      [['channel', 'create', 'a/b'], /NAME: must not contain '\/'/],
      [['channel', 'create', 'a', '--playlist', 'list.m3u'], /--playlist: must end with '.m3u8'/],
      [['channel', 'list', '--max-keys', '1001'], /--max-keys/],
      [['vod', 'get', 'a', '--start', '200', '--end', '100'], /--end: must be later than --start/],
      [['vod', 'get', 'a', '--start', '100'], /--end: is required/],
      [['sign', 'a', '--expires', '60', '--expires-at', '2000000000'], /--expires-at/],
      [['channel', 'create', 'a', '--status', 'on'], /--status: expected one of enabled, disabled/],
    ];
    for (const [args, message] of cases) {
      const result = await runCliInProcess(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    const missing = await runCliInProcess(['channel', 'info', 'a'], { OSS_BUCKET: 'b' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--endpoint: is required/);
    expect(server.requests.length).toBe(before);
  });

  it('names the flag or argument the user typed, not the client field behind it', async () => {
    const before = server.requests.length;
    const cases: Array<[string[], string, RegExp]> = [
      [['channel', 'create', 'a', '--frag-duration', '3'], '--frag-count', /--frag-duration and --frag-count must be given together/],
      [['channel', 'create', 'a', '--description', 'x'.repeat(129)], '--description', /at most 128 bytes/],
      [['channel', 'info', 'a/b'], 'NAME', /must not contain '\/'/],
      [['vod', 'create', 'a', 'list.m3u', '--start', '100', '--end', '200'], 'PLAYLIST.m3u8', /must end with '.m3u8'/],
      [['vod', 'create', 'a', 'vod.m3u8', '--start', '100', '--end', String(100 + 86_401)], '--end', /at most one day/],
      [['sign', 'a', '--expires-at', '1'], '--expires-at', /must be in the future/],
      [['sign', 'a', '--playlist', '.m3u8'], '--playlist', /must be 6 to 128 bytes/],
    ];
    for (const [args, field, rule] of cases) {
      const human = await runCliInProcess(args, env);
      expect(human.code, args.join(' ')).toBe(2);
      expect(human.stderr, args.join(' ')).toMatch(new RegExp(`^Error: ${field.replace(/[.]/g, '\\.')}: `));
      expect(human.stderr, args.join(' ')).toMatch(rule);
      expect(human.stderr, args.join(' ')).not.toMatch(/fragCount|fragDuration|startTime|endTime|expiresAt|playlistName|channel:/);
      const json = await runCliInProcess([...args, '--json'], env);
      expect(json.code, args.join(' ')).toBe(2);
      expect((JSON.parse(json.stdout) as { error: unknown }).error, args.join(' ')).toMatchObject({ type: 'usage', field });
    }
    expect(server.requests.length).toBe(before);
  });

  it('points every run at its own empty data directory unless the test names one', () => {
    const first = cleanEnv().OSS_LIVE_DATA_DIR ?? '';
    const second = cleanEnv().OSS_LIVE_DATA_DIR ?? '';
    expect(first).not.toBe(second);
    for (const dir of [first, second]) {
      expect(dir.startsWith(tmpdir())).toBe(true);
      expect(readdirSync(dir)).toEqual([]);
    }
    expect(cleanEnv({ OSS_LIVE_DATA_DIR: '/named/by/the/test' }).OSS_LIVE_DATA_DIR).toBe('/named/by/the/test');
  });

  it('signs RTMP URLs without a region: they are always V1 (a V4 request still needs one)', async () => {
    const credentialsOnly = { OSS_ACCESS_KEY_ID: AK, OSS_ACCESS_KEY_SECRET: SK };
    const signed = await runCli(['sign', 'ch', '--endpoint', 'http://127.0.0.1:9', '--bucket', 'examplebucket', '--expires-at', '2000000000', '--json'], credentialsOnly);
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    const { url } = JSON.parse(signed.stdout) as { url: string };
    const expected = createHmac('sha1', SK).update('2000000000\n/examplebucket/ch').digest('base64');
    expect(new URL(url.replace(/^rtmp:/, 'http:')).searchParams.get('Signature')).toBe(expected);

    const before = server.requests.length;
    const request = await runCliInProcess(['channel', 'info', 'ch', '--endpoint', server.url, '--bucket', 'examplebucket'], credentialsOnly);
    expect(request.code).toBe(2);
    expect(request.stderr).toContain(`--region: is required for V4 signatures: '127.0.0.1' does not name one`);
    expect(server.requests.length).toBe(before);
  });

  it('sign prints only the URL on stdout and the details on stderr', async () => {
    const human = await runCli(['sign', 'test-channel', '--expires-at', '2000000000'], env);
    expect(human.code).toBe(0);
    const json = await runCliInProcess(['sign', 'test-channel', '--expires-at', '2000000000', '--json'], env);
    const signed = JSON.parse(json.stdout) as { url: string; server: string; streamKey: string; expiresAt: number };
    expect(json.stderr).toBe('');
    expect(human.stdout).toBe(`${signed.url}\n`);
    expect(human.stderr).toContain(`server:     ${signed.server}\n`);
    expect(human.stderr).toContain(`stream key: ${signed.streamKey}\n`);
    expect(human.stderr).toContain('expires:    2033-05-18T03:33:20.000Z (2000000000)');
  });

  it('anonymous sign: an unsigned URL, and no expiry claimed for it', async () => {
    const { OSS_ACCESS_KEY_ID: _id, OSS_ACCESS_KEY_SECRET: _secret, ...anonymous } = env;
    const json = await runCliInProcess(['sign', 'test-channel', '--playlist', 'playlist.m3u8', '--json'], anonymous);
    expect(json.code).toBe(0);
    const signed = JSON.parse(json.stdout) as { url: string; expiresAt: number | null };
    expect(signed.expiresAt).toBeNull();
    expect(signed.url).toBe(`rtmp://127.0.0.1/examplebucket/live/test-channel?playlistName=playlist.m3u8`);
    const human = await runCliInProcess(['sign', 'test-channel'], anonymous);
    expect(human.stdout).toBe('rtmp://127.0.0.1/examplebucket/live/test-channel\n');
    expect(human.stderr).toMatch(/expires: +never \(unsigned: no credentials configured\)/);
  });

  it('sign --json splits the URL the way OBS needs it, with a verifiable V1 signature', async () => {
    const result = await runCli(['sign', 'test-channel', '--playlist', 'playlist.m3u8', '--expires-at', '2000000000', '--json', '--endpoint', 'oss-cn-hangzhou.aliyuncs.com'], env);
    expect(result.code).toBe(0);
    const signed = JSON.parse(result.stdout) as { url: string; server: string; streamKey: string; expiresAt: number };
    expect(`${signed.server}/${signed.streamKey}`).toBe(signed.url);
    expect(signed.server).toBe('rtmp://examplebucket.oss-cn-hangzhou.aliyuncs.com/live');
    expect(signed.expiresAt).toBe(2_000_000_000);
    const query = new URL(signed.url.replace(/^rtmp:/, 'http:')).searchParams;
    const expected = createHmac('sha1', SK).update('2000000000\nplaylistName:playlist.m3u8\n/examplebucket/test-channel').digest('base64');
    expect(query.get('Signature')).toBe(expected);
    expect(query.get('OSSAccessKeyId')).toBe(AK);
  });

  it('signs the STS token into RTMP URLs (OSS_SESSION_TOKEN)', async () => {
    const result = await runCliInProcess(['sign', 'test-channel', '--expires-at', '2000000000', '--json'], { ...env, OSS_SESSION_TOKEN: 'tok/en+1' });
    const { url } = JSON.parse(result.stdout) as { url: string };
    const query = new URL(url.replace(/^rtmp:/, 'http:')).searchParams;
    expect(query.get('security-token')).toBe('tok/en+1');
    const expected = createHmac('sha1', SK).update('2000000000\nsecurity-token:tok/en+1\n/examplebucket/test-channel').digest('base64');
    expect(query.get('Signature')).toBe(expected);
  });

  it('exits 1 on a service error, printing code, message and request id (and one JSON object with --json)', async () => {
    server.enqueue(xml(fixture('error-no-such-live-channel.xml'), 404));
    const human = await runCli(['channel', 'info', 'nope'], env);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('NoSuchLiveChannel');
    expect(human.stderr).toContain('The specified live channel does not exist.');
    expect(human.stderr).toContain('5C3D9175B6FC201293AD4890');

    server.enqueue(xml(fixture('error-no-such-live-channel.xml'), 404));
    const json = await runCliInProcess(['channel', 'stat', 'nope', '--json'], env);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { error: { code: string; requestId: string; status: number } };
    expect(parsed.error).toMatchObject({ code: 'NoSuchLiveChannel', requestId: '5C3D9175B6FC201293AD4890', status: 404 });
  });

  it('channel create refuses to replace an existing channel unless --overwrite', async () => {
    server.enqueue(xml(fixture('live-channel-info-docs.xml')));
    const before = server.requests.length;
    const refused = await runCliInProcess(['channel', 'create', 'test-channel'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: ChannelAlreadyExists: Channel 'test-channel' already exists.*Pass --overwrite/);
    // Our refusal, not an OSS answer: no made-up status or request id.
    expect(refused.stderr).not.toMatch(/status|request id/);
    expect(server.requests.slice(before).map((r) => r.method)).toEqual(['GET']);

    server.enqueue(xml(fixture('live-channel-info-docs.xml')));
    const refusedJson = await runCliInProcess(['channel', 'create', 'test-channel', '--json'], env);
    expect(refusedJson.code).toBe(1);
    const { error } = JSON.parse(refusedJson.stdout) as { error: Record<string, unknown> };
    expect(Object.keys(error).sort()).toEqual(['code', 'message', 'type']);
    expect(error).toMatchObject({ type: 'conflict', code: 'ChannelAlreadyExists', message: expect.stringContaining('--overwrite') as unknown });

    server.enqueue(xml(fixture('live-channel-info-docs.xml')), xml(fixture('create-live-channel-result.xml')));
    const replaced = await runCliInProcess(['channel', 'create', 'test-channel', '--overwrite', '--frag-duration', '2', '--frag-count', '4', '--json'], env);
    expect(replaced.code).toBe(0);
    const put = server.requests.at(-1);
    expect(put?.method).toBe('PUT');
    expect(put?.body.toString()).toContain('<FragDuration>2</FragDuration><FragCount>4</FragCount>');
    expect(JSON.parse(replaced.stdout)).toMatchObject({ name: 'test-channel', created: false });
  });

  it('channel list --all follows NextMarker through every page', async () => {
    server.enqueue(xml(fixture('list-live-channel-truncated.xml')), xml(fixture('list-live-channel-empty.xml')));
    const before = server.requests.length;
    const result = await runCliInProcess(['channel', 'list', '--all', '--prefix', 'channel-list-', '--json'], env);
    expect(result.code).toBe(0);
    const pages = server.requests.slice(before);
    expect(pages).toHaveLength(2);
    expect(decodeURIComponent(pages[1]?.rawQuery ?? '')).toContain('marker=channel-list-7');
    const parsed = JSON.parse(result.stdout) as { channels: Array<{ name: string }> };
    expect(parsed.channels.map((c) => c.name)).toEqual(['channel-list-5', 'channel-list-6', 'channel-list-7']);
  });

  it('channel list --all --marker starts after the marker', async () => {
    server.enqueue(xml(fixture('list-live-channel-truncated.xml')), xml(fixture('list-live-channel-empty.xml')));
    const before = server.requests.length;
    const result = await runCliInProcess(['channel', 'list', '--all', '--marker', 'channel-list-4', '--json'], env);
    expect(result.code).toBe(0);
    const pages = server.requests.slice(before).map((request) => new URLSearchParams(request.rawQuery).get('marker'));
    expect(pages).toEqual(['channel-list-4', 'channel-list-7']);
  });
});
