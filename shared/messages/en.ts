/**
 * English messages of the main process: the source of truth for keys and parameters (i18next `{{param}}` syntax).
 * The CLI, the logs and every `message` field are rendered from here, so these are the app's English texts.
 * zh-CN.ts mirrors it key for key.
 */
export const en = {
  /** Text from elsewhere, shown as it is. */
  verbatim: '{{text}}',
  separators: { sentences: ' ', clauses: '; ', words: ' ' },
  units: { hours: '{{value}} h', minutes: '{{value}} min', seconds: '{{value}} s' },

  steps: {
    goLive: {
      preflight: 'Check OBS and its encoder settings',
      'ensure-channel': 'Make sure the channel exists',
      enable: 'Enable the channel',
      sign: 'Sign the ingest URL',
      snapshot: 'Save your OBS stream settings',
      'set-service': 'Point OBS at the channel',
      start: 'Start streaming in OBS',
      'obs-started': 'OBS reports the stream started',
      'oss-live': 'OSS reports the channel Live',
    },
    stop: {
      'stop-stream': 'Stop the stream in OBS',
      restore: 'Put your OBS stream settings back',
      disable: 'Disable the channel',
      'record-end': 'Record the end in the history',
    },
  },

  alerts: {
    ossDisabledWhileLive:
      'The channel is Disabled on OSS while OBS is streaming, so OSS refuses the stream and viewers see nothing. ' +
      'Enable the channel (oss-live channel enable), then stop and start the stream.',
    ossIdleWhileLive:
      'OSS reports the channel Idle while OBS says it is live: nothing reaches OSS and viewers see nothing. Check that ' +
      "OBS streams to this channel's ingest URL (an expired or re-signed URL is refused at connect) and OBS's log for RTMP errors.",
    ossIdleWhileReconnecting:
      'OSS reports the channel Idle while OBS is reconnecting: nothing reaches OSS and viewers see nothing. Check that ' +
      "OBS streams to this channel's ingest URL (an expired or re-signed URL is refused at connect) and OBS's log for RTMP errors.",
    noOutput:
      'OBS is live but its output bytes stopped growing (bitrate 0): nothing is being sent. ' +
      'Check your network; if it does not recover within a minute, stop and start the stream in OBS.',
    droppedFrames:
      'OBS dropped {{percent}} % of its frames over the last {{seconds}} s because the network could not carry them: ' +
      'lower the video bitrate in OBS (Settings > Output) or free up your upload bandwidth.',
    obsReconnecting:
      'OBS lost its connection to the ingest server and is reconnecting; viewers see a freeze until it is back. ' +
      'If it keeps failing, check your network (a reconnect after the signed URL expired is refused).',
    reconnectStuck:
      'OBS has been reconnecting for {{seconds}} s without success. Stop and start the stream in OBS ' +
      '(a reconnect can wedge and stay dark for a long time); if it still fails, go live again for a fresh URL.',
    outputWedged:
      'OBS reports the stream active but has sent nothing for {{seconds}} s: its output is wedged. ' +
      'Stop and start the stream in OBS.',
    urlExpired:
      'The signed ingest URL expired at {{at}}: the stream continues, but if OBS disconnects it cannot reconnect. ' +
      'Stop and go live again to get a new URL at a convenient moment.',
    urlExpiring:
      'The signed ingest URL expires in {{minutes}} min ({{at}}); OBS reconnects after that will be refused. ' +
      'Plan to stop and go live again for a new URL.',
    codec:
      'OBS sends {{what}}, but OSS LiveChannel takes only H.264 video and AAC audio. ' +
      'Pick an H.264 encoder (e.g. x264) and AAC audio in OBS (Settings > Output), then restart the stream.',
    codecVideo: '{{codec}} video',
    codecAudio: '{{codec}} audio',
    codecBoth: '{{video}} video and {{audio}} audio',
    obsUnreachable:
      'Cannot read OBS ({{error}}); its side of the monitor shows unknown until it is back, ' +
      'and the stream itself may be fine. Check that OBS is running with its WebSocket server on.',
    ossUnreachable:
      "Cannot read the channel's status from OSS ({{error}}); retrying. Its side of the monitor shows unknown " +
      'meanwhile; the stream itself may be fine. Check your network and the OSS endpoint.',
  },

  goLive: {
    obsAlreadyStreaming:
      'OBS is already streaming. Go-live changes OBS’s destination, which OBS refuses while it streams: stop the ' +
      'stream in OBS (or run `oss-live stop`) and try again.',
    cannotReadChannel: 'Could not read channel "{{channel}}" from OSS: {{error}}.',
    channelAlreadyLive:
      'Channel "{{channel}}" is already live: another encoder at {{remoteAddr}} has been publishing since {{since}}. ' +
      'Stop that encoder (or pick another channel) and try again.',
    channelExists: 'Channel "{{channel}}" exists ({{config}}); its configuration was left as it is.',
    channelCreated: 'Created channel "{{channel}}" ({{config}}).',
    channelConfig: '{{status}}, FragDuration {{fragDuration}} s, FragCount {{fragCount}}, playlist {{playlistName}}',
    channelStatus: { enabled: 'enabled', disabled: 'disabled' },
    createdChannelDeleted: 'Deleted channel "{{channel}}", created by this run.',
    alreadyEnabled: 'The channel is already enabled.',
    channelEnabled: 'Enabled channel "{{channel}}" (it was disabled).',
    channelDisabledAgain: 'Disabled channel "{{channel}}" again, as it was before.',
    signedForPlan: 'Expires {{expiresAt}}, in {{lifetime}} = {{planned}} planned + {{budget}} OBS reconnect budget.',
    signedAsAsked: 'Expires {{expiresAt}}, in {{lifetime}} (as asked).',
    urlShorterThanBudget:
      "The ingest URL expires in {{lifetime}}, less than OBS's reconnect budget of {{budget}}: OSS refuses OBS's " +
      'reconnects after it expires, so stop and go live again before then.',
    urlShorterThanPlan:
      "The ingest URL expires in {{lifetime}}, less than the planned {{planned}} plus OBS's reconnect budget of " +
      "{{budget}}: OSS refuses OBS's reconnects after it expires, so stop and go live again before then.",
    preflightSummary:
      'OBS is reachable and idle; {{videoEncoder}} ({{videoCodec}}), {{keyframes}}, {{audioEncoder}} ({{audioCodec}}).',
    keyframesUnknown: 'keyframe interval unknown',
    keyframesEvery: 'keyframes every {{seconds}} s',
    keyframeOnce: 'one keyframe only',
    snapshotKept:
      'Kept the settings saved at {{savedAt}} by a session that did not finish (OBS still pointed at its URL): {{file}}',
    snapshotSaved: 'Saved your {{serviceType}} settings to {{file}}',
    snapshotRemoved: 'Removed the saved settings (they are back in OBS).',
    serviceSet: 'OBS now streams to {{server}} (custom server; the signed key is not shown).',
    serviceRestored: 'Put your {{serviceType}} settings back in OBS.',
    startAccepted: 'OBS accepted StartStream and is connecting.',
    obsStarted: 'OBS reports the stream started.',
    streamStopped: 'Stopped the stream in OBS.',
    ossLive: 'OSS reports channel "{{channel}}" Live from {{remoteAddr}} (after {{polls}} poll(s)).',
    ossLiveWithVideo:
      'OSS reports channel "{{channel}}" Live from {{remoteAddr}}, video {{codec}} {{width}}x{{height}} (after {{polls}} poll(s)).',
    ossNeverLive:
      'OBS is streaming, but OSS did not report channel "{{channel}}" Live within {{timeout}} (last status: {{status}}).',
    failedStart: '{{lead}} What OSS knows: {{facts}}.',
    factUrlExpired: 'the signed URL expired at {{at}}',
    factChannelDisabled: 'channel "{{channel}}" is disabled (it was disabled after go-live enabled it)',
    factOtherEncoder:
      'channel "{{channel}}" is already live from {{remoteAddr}} since {{since}}: another encoder is publishing to it',
    factChannelGone: 'channel "{{channel}}" no longer exists',
    factOssUnreachable: 'OSS could not be asked ({{error}})',
    factNothingWrong:
      'OSS shows nothing wrong with channel "{{channel}}": check that this machine reaches {{server}} ' +
      '(network, firewall or proxy on the RTMP port 1935) and read OBS’s log (Help → Log Files)',
    historyNotRecorded: 'The broadcast could not be added to the local history: {{error}}',
    cancelled: 'Cancelled.',
    failedAt: 'Go-live failed at "{{step}}": {{reason}}',
    cancelledAt: 'Go-live was cancelled at "{{step}}".',
    /** The go-live error: the headline, then on its own line what was put back. */
    failure: '{{headline}}\n{{rollback}}',
    allPutBack: 'Everything this run changed was put back.',
    nothingChanged: 'Nothing had been changed.',
    couldNotPutBack: 'Could not put back: {{problems}}. Run `oss-live stop {{channel}}` to retry.',
    undoProblem: '{{step}} ({{error}})',
    couldNotUndo: 'Could not be undone: {{error}}',
    snapshotKeptForStop: 'Kept the saved settings in {{file}} so `oss-live stop` can restore them.',
  },

  stop: {
    obsNotStreaming: 'OBS was not streaming.',
    notOurStream:
      'OBS is streaming to {{destination}}, not to channel "{{channel}}", so it was left running. Stop it in OBS if you meant to.',
    serviceOfType: 'a {{type}} service',
    stoppedAndReleased: 'OBS stopped streaming and OSS no longer reports the channel Live.',
    stopped: 'OBS stopped streaming.',
    ossStillLive:
      'OSS still reported channel "{{channel}}" Live {{seconds}} s after OBS stopped; it usually notices within seconds.',
    noSnapshot: 'No saved OBS settings: nothing to put back.',
    repointed: 'OBS no longer points at the go-live URL, so its current settings were kept; removed {{file}}.',
    restored: 'Put back your {{serviceType}} settings saved at {{savedAt}}.',
    snapshotOfOtherChannel:
      'The saved OBS settings came from a session for channel "{{channel}}"; they were put back anyway, as they are your OBS’s own.',
    staysEnabled: 'The channel stays enabled (pass --disable to disable it).',
    channelDisabled: 'Channel "{{channel}}" is disabled: OSS refuses any publish to it until it is enabled again.',
    noHistory: 'No broadcast history is kept here.',
    noOpenBroadcast: 'The local history has no open broadcast on channel "{{channel}}".',
    historyNotRecorded: 'The end of the broadcast could not be recorded in the local history: {{error}}',
    historyNotWritten: 'The local history could not be written.',
    endRecorded: 'Recorded the end of the broadcast.',
    endRecordedAfterObsStopped: 'OBS was no longer streaming; recorded the end of the broadcast it had been sending.',
    failedAt: 'Stop failed at "{{step}}": {{reason}}',
  },

  preflight: {
    videoOk: 'Video encoder {{encoder}} produces H.264.',
    videoUnknown:
      'Cannot tell which codec video encoder {{encoder}} produces. OSS LiveChannels accept H.264 only: choose an H.264 ' +
      'encoder (e.g. x264) in Settings → Output.',
    videoWrong:
      'Video encoder {{encoder}} produces {{codec}}. OSS LiveChannels accept H.264 only: choose an H.264 encoder ' +
      '(e.g. x264) in Settings → Output.',
    audioOk: 'Audio encoder {{encoder}} produces AAC.',
    audioUnknown:
      'Cannot tell which codec audio encoder {{encoder}} produces. OSS LiveChannels accept AAC audio only: choose AAC ' +
      'as the audio encoder in Settings → Output.',
    audioWrong:
      'Audio encoder {{encoder}} produces {{codec}}. OSS LiveChannels accept AAC audio only: choose AAC as the audio ' +
      'encoder in Settings → Output.',
    keyframeUnknown:
      'The keyframe interval is unknown: {{how}}. Make sure it is at most the channel’s FragDuration of ' +
      '{{fragDuration}} s. {{fix}}',
    keyframeOk: 'Keyframe interval {{interval}} ({{how}}) fits the channel’s FragDuration of {{fragDuration}} s.',
    keyframeTooLong:
      'Keyframe interval {{interval}} ({{how}}) is longer than the channel’s FragDuration of {{fragDuration}} s: OSS ' +
      'can only cut segments at keyframes, so segments get longer and playback may stutter. {{fix}}',
    intervalSeconds: '{{seconds}} s',
    intervalInfinite: 'infinite (one keyframe at the start)',
    howAdvancedMode: 'Advanced output mode keeps the keyframe interval in streamEncoder.json, which obs-websocket cannot read',
    howEncoderDefault: 'Simple output mode leaves it to the {{encoder}} encoder’s default',
    howInfinite: 'x264 options set keyint=infinite',
    howX264Default: 'x264’s default of {{frames}} frames at {{fps}} fps',
    howX264Options: 'keyint={{frames}} in the x264 options at {{fps}} fps',
    fixX264: 'In Settings → Output, enable Advanced Encoder Settings and put keyint={{frames}} in the x264 options.',
    fixAdvanced: 'In Settings → Output (Advanced mode), set Keyframe Interval to {{fragDuration}} s or less (not 0 = auto).',
  },

  obs: {
    /** An OBS error: what happened, then what to do about it. */
    error: '{{detail}} {{advice}}',
    alreadyStreaming: 'OBS is already streaming.',
    couldNotStart: 'OBS could not start the stream.',
    stillActive: 'OBS reported the stream stopped, but its output still reports active.',
    handshakeTimeout: 'OBS at {{url}} did not complete the websocket handshake in time.',
    closedWhileConnecting: 'The connection was closed by the app while it was being made.',
    appReconnecting: 'The app is reconnecting to OBS.',
    appNotConnected: 'The app is not connected to OBS.',
    requestTimeout: 'OBS did not answer {{request}} within {{seconds}} s.',
    closedBeforeAnswer: 'The connection to OBS closed before it answered {{request}}.',
    closedBeforeReport: 'The connection to OBS closed before it reported {{what}}.',
    reportTimeout: 'OBS did not report {{what}} within {{seconds}} s.',
    streamStarted: 'that the stream started',
    streamStopped: 'that the stream stopped',
    passwordRefused: 'OBS refused the websocket password ({{reason}}).',
    unreachable: 'Could not connect to OBS ({{reason}}).',
    unreachableAt: 'Could not connect to OBS at {{url}} ({{reason}}).',
    connectionClosed: 'the connection closed',
    refused: 'OBS refused {{request}} (status {{status}}).',
    refusedWithComment: 'OBS refused {{request}} (status {{status}}: {{comment}}).',
    cannotAsk: 'OBS could not be asked for {{request}} ({{reason}}).',
    notReady: 'OBS still answered “not ready” after {{attempts}} tries.',
    advice: {
      unreachable:
        'Start OBS Studio, turn on its WebSocket server (Tools → WebSocket Server Settings) and check that the port matches.',
      auth: 'Copy the password from OBS (Tools → WebSocket Server Settings → Show Connect Info) into the profile.',
      'not-ready': 'OBS is still loading; wait a moment and try again.',
      'output-running': 'Stop the stream in OBS first, then try again.',
      'start-failed':
        'OBS reports no reason; usually the RTMP server refused the publish or could not be reached: the URL or stream ' +
        'key may be wrong or expired, or the channel disabled or already live. OBS’s log (Help → Log Files) has the detail.',
      timeout: 'Check that OBS is responsive (no dialog waiting for an answer) and try again.',
      'request-failed': 'Check OBS’s settings and log (Help → Log Files), then try again.',
      disconnected: 'Reconnect to OBS (is it still running?) and try again.',
    },
  },

  oss: {
    answered: 'OSS answered {{code}}: {{message}} (status {{status}})',
    answeredWithRequestId: 'OSS answered {{code}}: {{message}} (status {{status}}, request id {{requestId}})',
    /** OSS's own message (kept as it is), then what it means for a streamer. */
    hints: {
      ChannelStillLive: '{{message}} The channel is live: stop the stream (or disable the channel) first.',
      NoSuchLiveChannel: '{{message}} The channel does not exist (any more): refresh the channel list.',
      LiveChannelDisabled: '{{message}} The channel is disabled: enable it first.',
      SignatureDoesNotMatch: "{{message}} The AccessKey secret does not match the AccessKey id: check the profile's secret.",
      InvalidAccessKeyId: '{{message}} The AccessKey id is unknown or its STS token expired: check the profile.',
      AccessDenied: '{{message}} The credentials are not allowed to do this: check the RAM policy (oss:*LiveChannel*).',
      RequestTimeTooSkewed: "{{message}} This computer's clock is off by more than 15 minutes: fix the system time.",
      NoSuchBucket: '{{message}} The bucket does not exist in this region: check the profile (bucket, endpoint).',
      NetworkError: '{{message}} OSS could not be reached: check the network and the endpoint.',
      RequestTimeout: '{{message}} OSS did not answer in time: check the network and try again.',
    },
  },

  app: {
    internalError: 'Something went wrong inside the app. The details are in the log; please try again.',
  },

  keychain: {
    unavailable: {
      'no-session-bus':
        'No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset or points nowhere), so the system keychain cannot be ' +
        'reached: run inside a desktop session, or start a session bus with a Secret Service, e.g. ' +
        "`dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock --components=secrets; <command>'`. " +
        'Secrets are never stored in plain text instead.',
      'no-secret-service':
        "No Secret Service (org.freedesktop.secrets) on the D-Bus session bus: start gnome-keyring or KeePassXC's " +
        'Secret Service integration, or run inside a desktop session. Secrets are never stored in plain text instead.',
      'keyring-locked':
        'The Secret Service has no unlocked default keyring: unlock it (log in to the desktop session, or ' +
        'start gnome-keyring with `gnome-keyring-daemon --unlock`) and try again. Secrets are never stored in plain text instead.',
    },
    missingSecret:
      'Profile "{{profile}}" has no {{secret}} in the system keychain: if the keyring is locked, unlock it; ' +
      'otherwise set the secret again with a profile update',
    profileNotFound: 'No profile named "{{name}}" (see the profile list; names ignore case)',
  },

  connection: {
    ossOk: 'Connected to bucket {{bucket}}: {{channels}} LiveChannel(s) visible.',
    obsOk: 'Connected to OBS {{obsVersion}} (obs-websocket {{webSocketVersion}}) at {{url}}.',
  },

  validation: {
    /** A broken rule: the input field (its name in the API), then the rule. */
    fieldRule: '{{field}}: {{rule}}',
    notEmpty: 'must not be empty',
    maxBytes: 'must be at most {{max}} bytes (UTF-8)',
    noSlash: "must not contain '/'",
    noLeadingBackslash: "must not start with '\\'",
    noLeadingSlash: "must not start with '/' or '\\'",
    noControlCharacters: 'must not contain control characters',
    integerRange: 'must be an integer from {{min}} to {{max}} (got {{value}})',
    fragmentsTogether: 'fragDuration and fragCount must be given together or not at all',
    playlistSuffix: "must end with '.m3u8'",
    byteLength: 'must be {{min}} to {{max}} bytes long (got {{value}})',
    unixSeconds: 'must be a non-negative integer number of Unix seconds',
    laterThanStart: 'must be later than startTime',
    spanAtMostOneDay: 'the range must span at most one day (86400 seconds)',
    enabledOrDisabled: "must be 'enabled' or 'disabled'",
    bucketName: "must be 3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit",
    profileBucketName: 'must be 3 to 63 lowercase letters, digits or hyphens, not starting or ending with a hyphen',
    profileName: 'must be 1 to 64 characters: letters, digits, spaces, "-", "_" or "."',
    noOuterSpace: 'must not start or end with a space',
    reservedProfileName: '"{{name}}" is the built-in emulator profile; choose another name',
    endpoint: 'must be an http(s) URL or a host name, e.g. oss-cn-hangzhou.aliyuncs.com',
    noUserInfo: 'must not contain a user name or password',
    noPathQueryFragment: 'must not contain a path, query or fragment',
    regionId: 'must be a region id of lowercase letters, digits and hyphens, e.g. cn-hangzhou',
    noSpaceOrControl: 'must not contain spaces or control characters',
    signatureVersion: "must be 'v1' or 'v4'",
    webSocketUrl: 'must be a ws:// or wss:// URL, e.g. ws://127.0.0.1:4455',
    rtmpUrl: 'must be an rtmp:// or rtmps:// URL, e.g. rtmp://example.com/live',
    noQueryFragment: 'must not contain a query or fragment',
    nonEmptyString: 'must be a non-empty string',
    requiredForNewProfile: 'is required for a new profile',
    required: 'is required',
    secretNeeded: 'cannot be removed: a profile needs one',
    requiredWithEndpoint: 'is required when the endpoint is given explicitly',
  },
} as const;
