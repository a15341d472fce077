/** English strings of the golive screen. */
export const golive = {
  title: 'Go live',
  form: {
    heading: 'Broadcast',
    channel: 'Channel',
    channelHint: 'Pick a channel from the list, or type a new name: it is created when you go live.',
    existing: 'Existing channel ({{status}}): its settings are kept.',
    existingConfig: 'Existing channel ({{status}}), segments of {{fragDuration}} s × {{fragCount}}: its settings are kept.',
    statusEnabled: 'enabled',
    statusDisabled: 'disabled, it will be enabled',
    newChannel: 'New channel: it will be created with these settings.',
    fragDuration: 'Segment length (FragDuration, s)',
    fragCount: 'Segments in the playlist (FragCount)',
    fragHint:
      'Players start about 3 segments behind live, so shorter segments mean lower latency: 2 s × 3 gives about ' +
      '6–8 s behind OBS. Set the keyframe interval in OBS to {{fragDuration}} s so OSS can cut segments on time.',
    plannedHours: 'Planned duration (hours, optional)',
    plannedHint:
      'The signed ingest URL must outlast the broadcast, because OBS reconnects with the same URL. Empty: 12 hours.',
    channelsFailed: 'Could not load the channel list: {{message}}',
  },
  fieldErrors: {
    channel: 'Channel name: {{rule}}',
    fragDuration: 'Segment length: {{rule}}',
    fragCount: 'Segments in the playlist: {{rule}}',
    plannedHours: 'Planned duration: enter a number of hours from 0.1 (6 minutes) to 720 (30 days), or leave it empty.',
  },
  goLive: 'Go live',
  cancel: 'Cancel',
  cancelling: 'Cancelling…',
  checklist: {
    heading: 'Checklist',
    empty: 'Press Go live: each step shows here as it runs.',
    progress: '{{done}} of {{total}} steps finished',
    running: 'Now: {{step}}',
    channel: 'Channel “{{channel}}”',
    stopHeading: 'Stop',
  },
  states: {
    pending: 'Pending',
    running: 'Running',
    done: 'Done',
    failed: 'Failed',
    skipped: 'Skipped',
    undone: 'Put back',
  },
  seconds: '{{value}} s',
  milliseconds: '{{value}} ms',
  failure: {
    failedAt: 'Go live failed at “{{step}}”',
    cancelled: 'Go live was cancelled',
    failed: 'Go live failed',
    stopFailedAt: 'Stop failed at “{{step}}”',
    stopFailed: 'Stop failed',
  },
  live: {
    heading: 'On air',
    elapsed: 'Elapsed',
    startedAt: 'Started at',
    urlExpires: 'Ingest URL valid for',
    until: 'until {{time}}',
    expiryWarning:
      'The signed ingest URL expires in {{remaining}}. After that OBS cannot reconnect if the connection drops: ' +
      'stop and go live again to sign a new one.',
    expired: 'The signed ingest URL has expired: OBS cannot reconnect if the connection drops. Stop and go live again.',
    warnings: 'Warnings',
    stop: 'Stop',
    stopping: 'Stopping…',
    alsoDisable: 'Also disable the channel (OSS then refuses any further publish)',
    openMonitor: 'Open the monitor',
  },
  stopped: 'The broadcast on “{{channel}}” is stopped.',
} as const;
