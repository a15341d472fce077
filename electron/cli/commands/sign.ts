import { DEFAULT_EXPIRES_SECONDS } from '../../oss';
import type { Command } from '../command';
import { UsageError } from '../command';
import { clientFor } from '../client-for';
import { fields, iso, unixSeconds } from '../format';
import { integerOption, stringOption } from '../options';

export const signCommand: Command = {
  path: ['sign'],
  args: ['NAME'],
  summary: 'print a signed RTMP ingest URL for a channel',
  details:
    'With --json prints {url, server, streamKey, expiresAt}: server + "/" + streamKey === url, the split OBS\n' +
    'wants (Settings > Stream > Custom: Server and Stream Key). expiresAt is Unix seconds. OSS checks the\n' +
    'expiry only when the publisher connects, but OBS reconnects reuse the URL: cover the whole broadcast.',
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
    const client = await clientFor(values, env);
    const signed = await client.signRtmpUrlAsync(name, {
      ...(playlistName !== undefined ? { playlistName } : {}),
      ...(expiresAtUnix !== undefined
        ? { expiresAt: new Date(expiresAtUnix * 1000) }
        : { expiresInSeconds: expires ?? DEFAULT_EXPIRES_SECONDS }),
    });
    const data = { url: signed.url, server: signed.server, streamKey: signed.streamKey, expiresAt: unixSeconds(signed.expiresAt) };
    return {
      data,
      text: `${signed.url}\n\n${fields([
        ['server', signed.server],
        ['stream key', signed.streamKey],
        ['expires', `${iso(signed.expiresAt)} (${data.expiresAt})`],
      ])}`,
    };
  },
};
