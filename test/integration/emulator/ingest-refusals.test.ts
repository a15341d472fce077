/**
 * Who may publish, with Debian ffmpeg as the publisher: the RTMP signature (plain and STS), Expires, channel state,
 * one publisher per channel, the public-read-write ACL, kicks on disable, and which bucket a publish URL addresses.
 * A refused ffmpeg exits non-zero and prints the reason the emulator sent in its onStatus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OssError, rtmpPublishUrl, signRtmpQuery, type OssLiveClient } from '../../../electron/oss';
import { publishTestPattern, stopAllPublishers, type Publisher } from '../../support/ffmpeg-publisher';
import { waitFor } from '../../support/listening-ports';
import { needs } from '../../support/tools';
import { ourClient, startTestEmulator, type TestEmulator } from './emulator-harness';

const SECOND_BUCKET = 'second';

/** Publishes the test pattern for `seconds` and resolves with ffmpeg's exit. */
function run(url: string, seconds = 1, outputArgs: string[] = []): Promise<{ code: number | null; stderr: string }> {
  return publishTestPattern(url, { seconds, outputArgs }).exited;
}

/** ffmpeg was refused: non-zero exit, and the emulator's reason in its output. */
async function expectRefused(url: string, reason: string): Promise<void> {
  const { code, stderr } = await run(url, 5);
  expect(code, stderr).not.toBe(0);
  expect(stderr).toContain(reason);
}

async function expectAccepted(url: string, outputArgs: string[] = []): Promise<void> {
  const { code, stderr } = await run(url, 1, outputArgs);
  expect(code, stderr).toBe(0);
}

/** Replaces the first character of the URL's Signature value: still well-formed, no longer right. */
const tamper = (url: string): string => url.replace(/Signature=(.)/, (_, first: string) => `Signature=${first === 'A' ? 'B' : 'A'}`);

describe.runIf(needs('ffmpeg'))('RTMP publish permission and channel rules', () => {
  let emulator: TestEmulator;
  let client: OssLiveClient;
  let rtmpPort = 0;

  beforeAll(async () => {
    emulator = await startTestEmulator({ extraBuckets: [SECOND_BUCKET] });
    client = ourClient(emulator, { rtmpBase: emulator.rtmp });
    rtmpPort = Number(new URL(emulator.rtmp).port);
    for (const name of ['open', 'expired', 'tampered', 'unsigned', 'playlist', 'busy', 'sts', 'kicked']) {
      await client.putLiveChannel(name, { fragDuration: 1, fragCount: 3 });
    }
    await client.putLiveChannel('off', { status: 'disabled' });
  });

  afterAll(async () => {
    await stopAllPublishers();
    await emulator?.dispose();
  });

  it('refuses unsigned, expired, tampered, unknown-channel, disabled and bad-playlistName publishes, recording nothing', async () => {
    const longAgo = new Date(Date.now() - 3_600_000);
    const badPlaylist = signRtmpQuery({
      bucket: emulator.bucket,
      channel: 'playlist',
      expires: Math.floor(Date.now() / 1000) + 300,
      params: { playlistName: 'no-extension' },
      credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    });
    await Promise.all([
      expectRefused(`${emulator.rtmp}/unsigned`, 'missing signature'),
      expectRefused(client.signRtmpUrl('expired', { now: longAgo, expiresInSeconds: 60 }).url, 'url expired'),
      expectRefused(tamper(client.signRtmpUrl('tampered').url), 'signature does not match'),
      expectRefused(client.signRtmpUrl('nowhere').url, 'no such live channel'),
      expectRefused(client.signRtmpUrl('off').url, 'channel is disabled'),
      expectRefused(rtmpPublishUrl(emulator.rtmp, 'playlist', badPlaylist).url, 'invalid playlistName'),
    ]);
    for (const name of ['unsigned', 'expired', 'tampered', 'playlist']) {
      expect(await client.getLiveChannelStat(name)).toEqual({ status: 'Idle' });
      expect(await client.getLiveChannelHistory(name)).toEqual([]);
    }
    expect(await client.getLiveChannelStat('off')).toEqual({ status: 'Disabled' });
  });

  it('refuses a second publisher while live; the first keeps streaming, and the live channel cannot be replaced or deleted', async () => {
    const first = publishTestPattern(client.signRtmpUrl('busy').url, { seconds: 5, fragDuration: 1 });
    await waitFor(async () => (await client.getLiveChannelStat('busy')).status === 'Live', 5_000);
    await expectRefused(client.signRtmpUrl('busy').url, 'channel is already live');
    for (const attempt of [() => client.putLiveChannel('busy', { fragDuration: 2, fragCount: 3 }), () => client.deleteLiveChannel('busy')]) {
      const error: unknown = await attempt().then(() => undefined, (failure: unknown) => failure);
      expect(error).toBeInstanceOf(OssError);
      expect(error).toMatchObject({ status: 409, code: 'ChannelStillLive' });
    }
    const segmentsWhileRefusing = await segmentCount(client, 'busy');
    const { code, stderr } = await first.exited;
    expect(code, stderr).toBe(0);
    // Its segments kept coming after the refused attempt, and one session was recorded.
    expect(await segmentCount(client, 'busy')).toBeGreaterThan(segmentsWhileRefusing);
    // ffmpeg exits before the emulator has finished the session: wait for the record.
    await waitFor(async () => (await client.getLiveChannelHistory('busy')).length > 0, 3_000);
    expect(await client.getLiveChannelHistory('busy')).toHaveLength(1);
    expect((await client.getLiveChannelInfo('busy')).target.fragDuration).toBe(1);
  });

  it('accepts STS publishes with security-token signed (oss2, Java) or unsigned (go); refuses a wrong token', async () => {
    const sts = emulator.issueStsCredentials({ durationSeconds: 600 });
    const other = emulator.issueStsCredentials({ durationSeconds: 600 });
    const stsClient = ourClient(emulator, { rtmpBase: emulator.rtmp, credentials: sts });
    const signedToken = stsClient.signRtmpUrl('sts').url;
    expect(signedToken).toContain('security-token=');
    const unsignedQuery = signRtmpQuery({
      bucket: emulator.bucket,
      channel: 'sts',
      expires: Math.floor(Date.now() / 1000) + 300,
      params: {},
      credentials: { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret },
    });
    const unsignedToken = rtmpPublishUrl(emulator.rtmp, 'sts', { ...unsignedQuery, 'security-token': sts.securityToken }).url;
    const wrongToken = signedToken.replace(encodeURIComponent(sts.securityToken), encodeURIComponent(other.securityToken));
    expect(wrongToken).not.toBe(signedToken);

    await expectAccepted(signedToken);
    await waitFor(async () => (await client.getLiveChannelStat('sts')).status === 'Idle', 3_000);
    await expectAccepted(unsignedToken);
    await expectRefused(wrongToken, 'invalid security-token');
    await waitFor(async () => (await client.getLiveChannelHistory('sts')).length === 2, 3_000);
    expect(await client.getLiveChannelHistory('sts')).toHaveLength(2);
  });

  it('disabling a live channel disconnects the publisher and records the session', async () => {
    const publisher: Publisher = publishTestPattern(client.signRtmpUrl('kicked').url, { seconds: 30, fragDuration: 1 });
    await waitFor(async () => (await client.getLiveChannelStat('kicked')).status === 'Live', 5_000);
    await client.putLiveChannelStatus('kicked', 'disabled');
    const { code, stderr } = await publisher.exited;
    expect(code, 'ffmpeg stops when kicked').not.toBe(0);
    expect(stderr).toMatch(/channel is disabled|End of file|Broken pipe|Connection reset/i);
    expect(await client.getLiveChannelStat('kicked')).toEqual({ status: 'Disabled' });
    await waitFor(async () => (await client.getLiveChannelHistory('kicked')).length === 1, 3_000);
    expect(await client.getLiveChannelHistory('kicked')).toHaveLength(1);
  });

  it('takes the bucket from a bucket.localhost host, from a <bucket>/live app, else the default bucket', async () => {
    const second = ourClient(emulator, { bucket: SECOND_BUCKET, rtmpBase: `rtmp://127.0.0.1:${rtmpPort}/${SECOND_BUCKET}/live` });
    await second.putLiveChannel('elsewhere', { fragDuration: 1, fragCount: 3 });
    const inApp = second.signRtmpUrl('elsewhere').url;
    // Same signature, sent as OSS's virtual-hosted form: tcUrl rtmp://second.localhost/live (DNS is not involved).
    const signedForSecond = inApp.slice(inApp.indexOf('?'));
    const viaHost = `${emulator.rtmp}/elsewhere${signedForSecond}`;
    await expectAccepted(inApp);
    await waitFor(async () => (await second.getLiveChannelStat('elsewhere')).status === 'Idle', 3_000);
    await expectAccepted(viaHost, ['-rtmp_tcurl', `rtmp://${SECOND_BUCKET}.localhost:${rtmpPort}/live`]);
    await waitFor(async () => (await second.getLiveChannelHistory('elsewhere')).length === 2, 3_000);
    expect(await second.getLiveChannelHistory('elsewhere')).toHaveLength(2);
    // Without a bucket in host or app, the default bucket is meant: it has no such channel.
    await expectRefused(viaHost, 'signature does not match');
    await expectRefused(client.signRtmpUrl('elsewhere').url, 'no such live channel');
    // And the default bucket through its own name in the app.
    await expectAccepted(ourClient(emulator, { rtmpBase: `rtmp://127.0.0.1:${rtmpPort}/${emulator.bucket}/live` }).signRtmpUrl('open').url);
    await waitFor(async () => (await client.getLiveChannelHistory('open')).length === 1, 3_000);
    expect(await client.getLiveChannelHistory('open')).toHaveLength(1);
  });
});

describe.runIf(needs('ffmpeg'))('a public-read-write bucket', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ acl: 'public-read-write' });
  });

  afterAll(async () => {
    await stopAllPublishers();
    await emulator?.dispose();
  });

  it('accepts an unsigned publish', async () => {
    const client = ourClient(emulator);
    await client.putLiveChannel('anyone', { fragDuration: 1, fragCount: 3 });
    await expectAccepted(`${emulator.rtmp}/anyone?playlistName=open.m3u8`);
    await waitFor(async () => (await client.getLiveChannelHistory('anyone')).length === 1, 3_000);
    // The URL's playlistName won over the channel's.
    const playlist = new TextDecoder().decode((await client.getObject('anyone/open.m3u8')).body);
    expect(playlist).toContain('#EXT-X-ENDLIST');
  });
});

async function segmentCount(client: OssLiveClient, channel: string): Promise<number> {
  const listing = await client.listObjects({ prefix: `${channel}/` });
  return listing.objects.filter((object) => object.key.endsWith('.ts')).length;
}
