import type { Command, OptionValues } from '../command';
import { clientFor } from '../client-for';
import { requiredIntegerOption } from '../options';

const rangeOptions = {
  start: { type: 'string', value: 'UNIX', description: 'range start, Unix seconds (segments starting in the range count)' },
  end: { type: 'string', value: 'UNIX', description: 'range end, Unix seconds (at most one day after --start)' },
} as const;

const readRange = (values: OptionValues) => ({
  startTime: requiredIntegerOption(values, 'start', 0),
  endTime: requiredIntegerOption(values, 'end', 0),
});

const create: Command = {
  path: ['vod', 'create'],
  args: ['NAME', 'PLAYLIST.m3u8'],
  summary: 'write a VOD playlist NAME/PLAYLIST.m3u8 from recorded segments (PostVodPlaylist)',
  options: rangeOptions,
  connects: true,
  async run({ args: [name = '', playlist = ''], values, env, signal }) {
    const range = readRange(values);
    const result = await (await clientFor(values, env)).postVodPlaylist(name, playlist, range, { signal });
    const key = `${name}/${playlist}`;
    return { data: { name, playlist, key, ...range, ...result }, text: `Created VOD playlist ${key}` };
  },
};

const get: Command = {
  path: ['vod', 'get'],
  args: ['NAME'],
  summary: 'print the VOD playlist for a time range without storing it (GetVodPlaylist)',
  options: rangeOptions,
  connects: true,
  async run({ args: [name = ''], values, env, signal }) {
    const range = readRange(values);
    const playlist = await (await clientFor(values, env)).getVodPlaylist(name, range, { signal });
    return { data: { name, ...range, playlist }, text: playlist.trimEnd() };
  },
};

export const vodCommands: Command[] = [create, get];
