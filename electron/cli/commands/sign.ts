import { DEFAULT_EXPIRES_SECONDS, OssLiveClient } from '../../oss';
import type { Command } from '../command';
import { UsageError } from '../command';
import { connectionFor } from '../client-for';
import { fields, iso, unixSeconds } from '../format';
import { integerOption, stringOption } from '../options';

export const signCommand: Command = {
  path: ['sign'],
  args: ['NAME'],
  summary: 'print a signed RTMP ingest URL for a channel',
  details:
    'Prints only the URL on stdout (URL=$(oss-live sign NAME) captures it); server, stream key and expiry go to\n' +
    'stderr. With --json prints {url, server, streamKey, expiresAt}: server + "/" + streamKey === url, the split\n' +
    'OBS wants (Settings > Stream > Custom: Server and Stream Key). expiresAt is Unix seconds, or null when no\n' +
    'credentials are configured (the URL is then unsigned and never expires). OSS checks the expiry only when the\n' +
    'publisher connects, but OBS reconnects reuse the URL: cover the whole broadcast.',
  options: {
    playlist: { type: 'string', value: 'P.m3u8', description: 'playlist name for this session (playlistName)' },
    expires: { type: 'string', value: 'SECONDS', description: `lifetime from now (default ${DEFAULT_EXPIRES_SECONDS})` },
    'expires-at': { type: 'string', value: 'UNIX', description: 'absolute expiry in Unix seconds' },
  },
  connects: true,
  async run({ args: [name = ''], values, env }) {
    const expires = integerOption(values, 'expires', 1);
    const expiresAtUnix = integerOption(values, 'expires-at', 1);
    if (expires !== undefined && expiresAtUnix !== undefined) {
      throw new UsageError('--expires-at', 'give either --expires or --expires-at, not both');
    }
    const playlistName = stringOption(values, 'playlist');
    const { oss } = await connectionFor(values, env);
    const signed = await new OssLiveClient(oss).signRtmpUrlAsync(name, {
      ...(playlistName !== undefined ? { playlistName } : {}),
      ...(expiresAtUnix !== undefined
        ? { expiresAt: new Date(expiresAtUnix * 1000) }
        : { expiresInSeconds: expires ?? DEFAULT_EXPIRES_SECONDS }),
    });
    // Without credentials the URL carries no Expires and no signature: nothing expires.
    const expiresAt = oss.credentials === undefined ? null : unixSeconds(signed.expiresAt);
    return {
      data: { url: signed.url, server: signed.server, streamKey: signed.streamKey, expiresAt },
      text: signed.url,
      notes: fields([
        ['server', signed.server],
        ['stream key', signed.streamKey],
        ['expires', expiresAt === null ? 'never (unsigned: no credentials configured)' : `${iso(signed.expiresAt)} (${expiresAt})`],
      ]),
    };
  },
};
