/**
 * The channel form's model, free of React: a draft of the PutLiveChannel fields, the rules of shared/validation.ts
 * applied per field (so the form names every field that OSS would refuse), and the input it becomes.
 */
import type { ChannelStatus, LiveChannelConfig, LiveChannelInput } from '../../../../shared/live-channel';
import { validateChannelName, validateDescription, validateFragments, validatePlaylistName, ValidationError } from '../../../../shared/validation';

export interface ChannelDraft {
  name: string;
  description: string;
  /** As typed; empty means "the OSS default" (only together with fragCount). */
  fragDuration: string;
  fragCount: string;
  /** Empty means the OSS default, playlist.m3u8. */
  playlistName: string;
  status: ChannelStatus;
}

export type ChannelField = 'name' | 'description' | 'fragDuration' | 'fragCount' | 'playlistName';
/** Which message explains a problem (keys of `channels.invalid`). */
export type ChannelRule = 'name' | 'description' | 'fragRange' | 'fragBoth' | 'playlistName';
export interface ChannelProblem {
  field: ChannelField;
  rule: ChannelRule;
}

export function newChannelDraft(): ChannelDraft {
  return { name: '', description: '', fragDuration: '', fragCount: '', playlistName: '', status: 'enabled' };
}

/** An existing channel's configuration in the form (channels.info), for editing. */
export function draftFromConfig(name: string, config: LiveChannelConfig): ChannelDraft {
  return {
    name,
    description: config.description,
    fragDuration: String(config.target.fragDuration),
    fragCount: String(config.target.fragCount),
    playlistName: config.target.playlistName,
    status: config.status,
  };
}

const number = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

const broken = (check: () => void): ValidationError | undefined => {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
};

/** Every field that breaks a rule, at most one problem each, in form order. */
export function channelProblems(draft: ChannelDraft): ChannelProblem[] {
  const problems: ChannelProblem[] = [];
  if (broken(() => validateChannelName(draft.name.trim()))) problems.push({ field: 'name', rule: 'name' });
  if (broken(() => validateDescription(draft.description))) problems.push({ field: 'description', rule: 'description' });
  const duration = number(draft.fragDuration);
  const count = number(draft.fragCount);
  if ((duration === undefined) !== (count === undefined)) {
    problems.push({ field: duration === undefined ? 'fragDuration' : 'fragCount', rule: 'fragBoth' });
  } else {
    // validateFragments stops at the first bad number; checking each against itself names both when both are bad.
    for (const [field, value] of [['fragDuration', duration], ['fragCount', count]] as const) {
      if (broken(() => validateFragments(value, value))) problems.push({ field, rule: 'fragRange' });
    }
  }
  if (draft.playlistName.trim() !== '' && broken(() => validatePlaylistName(draft.playlistName.trim()))) {
    problems.push({ field: 'playlistName', rule: 'playlistName' });
  }
  return problems;
}

/** PutLiveChannel input for the draft: empty fields are left out, so OSS applies its defaults. */
export function channelInput(draft: ChannelDraft): LiveChannelInput {
  const fragDuration = number(draft.fragDuration);
  const fragCount = number(draft.fragCount);
  const playlistName = draft.playlistName.trim();
  return {
    status: draft.status,
    ...(draft.description !== '' ? { description: draft.description } : {}),
    ...(fragDuration !== undefined && fragCount !== undefined ? { fragDuration, fragCount } : {}),
    ...(playlistName !== '' ? { playlistName } : {}),
  };
}

/** The form field a main-process validation error names (`channel`, `input.fragCount`, `fragDuration`). */
export function channelFieldOf(serverField: string | undefined): ChannelField | undefined {
  const last = serverField?.split('.').at(-1);
  if (last === 'channel') return 'name';
  const fields: readonly string[] = ['name', 'description', 'fragDuration', 'fragCount', 'playlistName'];
  return fields.includes(last ?? '') ? (last as ChannelField) : undefined;
}
