import type { ChannelStatus, LiveChannelInput, LiveChannelStat } from '../../../shared/live-channel';
import { createChannel } from '../../services/create-channel';
import type { Command, CommandContext } from '../command';
import { clientFor } from '../client-for';
import { fields, iso, table } from '../format';
import { booleanOption, choiceOption, integerOption, stringOption } from '../options';

const nameArg = ['NAME'];

const create: Command = {
  path: ['channel', 'create'],
  args: nameArg,
  summary: 'create a LiveChannel (refuses to replace an existing one unless --overwrite)',
  details:
    'PutLiveChannel silently resets an existing channel, so this command checks first and refuses unless\n' +
    '--overwrite is given. FragDuration and FragCount go together: give both or neither (defaults 5 s and 3).',
  options: {
    description: { type: 'string', value: 'TEXT', description: 'description, at most 128 bytes' },
    status: { type: 'string', value: 'enabled|disabled', description: 'initial status (default enabled)' },
    playlist: { type: 'string', value: 'P.m3u8', description: 'live playlist name (default playlist.m3u8)' },
    'frag-count': { type: 'string', value: 'N', description: 'segments listed in the live playlist, 1-100' },
    'frag-duration': { type: 'string', value: 'S', description: 'target segment length in seconds, 1-100' },
    overwrite: { type: 'boolean', description: 'replace the configuration of an existing, idle channel' },
  },
  connects: true,
  async run({ args: [name = ''], values, env, signal }) {
    const client = await clientFor(values, env);
    const input: LiveChannelInput = {};
    const description = stringOption(values, 'description');
    const status = choiceOption<ChannelStatus>(values, 'status', ['enabled', 'disabled']);
    const playlistName = stringOption(values, 'playlist');
    const fragCount = integerOption(values, 'frag-count');
    const fragDuration = integerOption(values, 'frag-duration');
    if (description !== undefined) input.description = description;
    if (status) input.status = status;
    if (playlistName !== undefined) input.playlistName = playlistName;
    if (fragCount !== undefined) input.fragCount = fragCount;
    if (fragDuration !== undefined) input.fragDuration = fragDuration;
    const { created, urls } = await createChannel(client, name, input, { overwrite: booleanOption(values, 'overwrite'), signal });
    return {
      data: { name, created, ...urls },
      text: `${created ? 'Created' : 'Replaced'} channel ${name}\n${fields([
        ['publish', urls.publishUrls.join(' ')],
        ['play', urls.playUrls.join(' ')],
      ])}`,
    };
  },
};

const list: Command = {
  path: ['channel', 'list'],
  args: [],
  summary: 'list LiveChannels, one page or --all',
  options: {
    prefix: { type: 'string', value: 'P', description: 'only names starting with P' },
    marker: { type: 'string', value: 'M', description: 'only names after M (for paging)' },
    'max-keys': { type: 'string', value: 'N', description: 'page size, 1-1000 (default 100)' },
    all: { type: 'boolean', description: 'follow NextMarker through every page (from --marker when given)' },
  },
  connects: true,
  async run({ values, env, signal }) {
    const client = await clientFor(values, env);
    const prefix = stringOption(values, 'prefix');
    const maxKeys = integerOption(values, 'max-keys', 1, 1000);
    const marker = stringOption(values, 'marker');
    const query = { ...(prefix !== undefined ? { prefix } : {}), ...(maxKeys !== undefined ? { maxKeys } : {}), ...(marker !== undefined ? { marker } : {}) };
    const render = (channels: Array<{ name: string; status: string; lastModified: Date; description: string }>): string =>
      table(
        ['NAME', 'STATUS', 'LAST MODIFIED', 'DESCRIPTION'],
        channels.map((c) => [c.name, c.status, iso(c.lastModified), c.description]),
      );
    if (booleanOption(values, 'all')) {
      const channels = [];
      for await (const channel of client.listAllLiveChannels(query, { signal })) channels.push(channel);
      return { data: { prefix: prefix ?? '', channels }, text: `${render(channels)}\n${channels.length} channel(s)` };
    }
    const page = await client.listLiveChannels(query, { signal });
    const more = page.isTruncated ? `\nmore: --marker '${page.nextMarker ?? ''}'` : '';
    return { data: page, text: `${render(page.channels)}\n${page.channels.length} channel(s)${more}` };
  },
};

const info: Command = {
  path: ['channel', 'info'],
  args: nameArg,
  summary: 'show a channel configuration (GetLiveChannelInfo)',
  options: {},
  connects: true,
  async run({ args: [name = ''], values, env, signal }) {
    const config = await (await clientFor(values, env)).getLiveChannelInfo(name, { signal });
    return {
      data: { name, ...config },
      text: fields([
        ['name', name],
        ['description', config.description],
        ['status', config.status],
        ['type', config.target.type],
        ['fragDuration', `${config.target.fragDuration} s`],
        ['fragCount', config.target.fragCount],
        ['playlistName', config.target.playlistName],
      ]),
    };
  },
};

function describeStat(stat: LiveChannelStat): string {
  if (stat.status !== 'Live') return fields([['status', stat.status]]);
  const { video, audio } = stat;
  return fields([
    ['status', stat.status],
    ['connected', `${iso(stat.connectedTime)} from ${stat.remoteAddr}`],
    ['video', video && `${video.codec} ${video.width}x${video.height} @ ${video.frameRate} fps, bandwidth ${video.bandwidth}`],
    ['audio', audio && `${audio.codec} ${audio.sampleRate} Hz, bandwidth ${audio.bandwidth}`],
  ]);
}

const stat: Command = {
  path: ['channel', 'stat'],
  args: nameArg,
  summary: 'show whether a channel is Live, Idle or Disabled, with stream details (GetLiveChannelStat)',
  options: {},
  connects: true,
  async run({ args: [name = ''], values, env, signal }) {
    const result = await (await clientFor(values, env)).getLiveChannelStat(name, { signal });
    return { data: { name, ...result }, text: describeStat(result) };
  },
};

const history: Command = {
  path: ['channel', 'history'],
  args: nameArg,
  summary: 'show the latest ingest sessions OSS kept, at most 10 (GetLiveChannelHistory)',
  options: {},
  connects: true,
  async run({ args: [name = ''], values, env, signal }) {
    const records = await (await clientFor(values, env)).getLiveChannelHistory(name, { signal });
    const rows = records.map((r) => [iso(r.startTime), iso(r.endTime), r.remoteAddr]);
    return {
      data: { name, records },
      text: `${table(['START', 'END', 'REMOTE ADDRESS'], rows)}\n${records.length} record(s)`,
    };
  },
};

function statusCommand(status: ChannelStatus): Command {
  const verb = status === 'enabled' ? 'enable' : 'disable';
  return {
    path: ['channel', verb],
    args: nameArg,
    summary:
      status === 'enabled'
        ? 'allow publishing to a channel'
        : 'forbid publishing to a channel (OSS disconnects a live publisher)',
    options: {},
    connects: true,
    async run({ args: [name = ''], values, env, signal }: CommandContext) {
      await (await clientFor(values, env)).putLiveChannelStatus(name, status, { signal });
      return { data: { name, status }, text: `Channel ${name} is now ${status}` };
    },
  };
}

const remove: Command = {
  path: ['channel', 'delete'],
  args: nameArg,
  summary: 'delete a channel (refused while it is live; recorded segments stay in the bucket)',
  options: {},
  connects: true,
  async run({ args: [name = ''], values, env, signal }) {
    await (await clientFor(values, env)).deleteLiveChannel(name, { signal });
    return { data: { name, deleted: true }, text: `Deleted channel ${name}` };
  },
};

export const channelCommands: Command[] = [
  create,
  list,
  info,
  stat,
  history,
  statusCommand('enabled'),
  statusCommand('disabled'),
  remove,
];
