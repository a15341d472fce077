import { englishMessages } from '../../../shared/messages';
import { channels } from './en/channels';
import { golive } from './en/golive';
import { history } from './en/history';
import { monitor } from './en/monitor';
import { profiles } from './en/profiles';

/**
 * English strings. The source of truth for keys: zh-CN.ts must have exactly the same shape. Each screen keeps its
 * strings in its own file under en/ and zh-CN/; `messages` is the main process's catalogue (shared/messages), for
 * the alerts, step notes and errors it sends as translatable text.
 */
export const en = {
  messages: englishMessages,
  channels,
  golive,
  history,
  monitor,
  profiles,
  app: {
    title: 'OSS Live Companion',
    nav: {
      golive: 'Go live',
      monitor: 'Monitor',
      channels: 'Channels',
      history: 'History & clips',
      profiles: 'Profiles & OBS',
    },
    language: 'Language',
    profile: 'Profile',
    localEmulator: 'Local emulator',
    skipToContent: 'Skip to content',
    connectionLost: 'Lost the connection to the app. Reconnecting…',
    unreachable: 'Cannot reach the app. Is it still running?',
  },
  common: {
    loading: 'Loading…',
    retry: 'Retry',
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    delete: 'Delete',
    copy: 'Copy',
    copied: 'Copied',
    refresh: 'Refresh',
    confirm: 'Confirm',
    yes: 'Yes',
    no: 'No',
    none: '—',
    error: 'Error',
    copyNamed: 'Copy {{what}}',
    copyManually: 'Selected: press Ctrl+C (⌘C on a Mac) to copy.',
    expiry: {
      presets: { h1: '1 hour', h6: '6 hours', h12: '12 hours', h24: '1 day', d7: '7 days', custom: 'Custom…' },
      amount: 'Custom duration',
      unit: 'Unit',
      units: { minutes: 'minutes', hours: 'hours', days: 'days' },
      invalid: 'Enter a whole number above 0, at most {{days}} days in total.',
    },
    region: {
      region: 'Region',
      kind: 'Endpoint type',
      kinds: {
        public: 'Public (internet)',
        internal: 'Internal (ECS in the same region)',
        accelerate: 'Transfer acceleration (global)',
        'accelerate-overseas': 'Transfer acceleration (outside the Chinese mainland)',
      },
      groups: { china: 'China', 'asia-pacific': 'Asia Pacific', 'europe-americas': 'Europe & Americas', 'middle-east': 'Middle East' },
      option: '{{name}} · {{id}}',
      custom: 'Custom endpoint…',
      endpoint: 'Endpoint',
      customEndpoint: 'Custom endpoint',
      customHint: 'A host or http(s) URL: a CNAME, a new region, a private cloud or a local emulator.',
      regionId: 'Region id (for V4 signatures)',
      internalHint: 'Reachable only from Alibaba Cloud (e.g. ECS) in the same region.',
      accelerateHint: 'The bucket must have transfer acceleration enabled; requests are still signed for the region chosen above.',
    },
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language provides. */
export type Translation = Widen<typeof en>;
