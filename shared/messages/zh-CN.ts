import type { MessageCatalogue } from '../messages';

/**
 * 简体中文：主进程消息。Keys mirror en.ts exactly (the type enforces it), and each message uses the same parameters
 * (test/unit/shared/messages.test.ts checks it). Terms follow the Alibaba Cloud OSS console: LiveChannel = 直播频道,
 * AccessKey and OBS stay as they are; OBS menu paths follow OBS Studio's own Chinese interface.
 */
export const zhCN: MessageCatalogue = {
  verbatim: '{{text}}',
  separators: { sentences: '', clauses: '；', words: ' ' },
  units: { hours: '{{value}} 小时', minutes: '{{value}} 分钟', seconds: '{{value}} 秒' },

  steps: {
    goLive: {
      preflight: '检查 OBS 及其编码设置',
      'ensure-channel': '确认直播频道存在',
      enable: '启用直播频道',
      sign: '签名推流地址',
      snapshot: '保存您的 OBS 推流设置',
      'set-service': '将 OBS 推流指向该直播频道',
      start: '在 OBS 中开始推流',
      'obs-started': 'OBS 报告推流已开始',
      'oss-live': 'OSS 报告直播频道状态为 Live',
    },
    stop: {
      'stop-stream': '在 OBS 中停止推流',
      restore: '恢复您的 OBS 推流设置',
      disable: '禁用直播频道',
      'record-end': '在历史记录中记下结束时间',
    },
  },

  alerts: {
    ossDisabledWhileLive:
      'OBS 正在推流，但该直播频道在 OSS 上处于禁用（Disabled）状态，OSS 会拒绝推流，观众看不到任何画面。' +
      '请启用直播频道（oss-live channel enable），然后停止并重新开始推流。',
    ossIdleWhileLive:
      'OBS 显示正在直播，但 OSS 报告直播频道为空闲（Idle）：没有数据到达 OSS，观众看不到任何画面。' +
      '请检查 OBS 是否推流到该直播频道的推流地址（已过期或重新签名的地址在连接时会被拒绝），并查看 OBS 日志中的 RTMP 错误。',
    ossIdleWhileReconnecting:
      'OBS 正在重连，OSS 报告直播频道为空闲（Idle）：没有数据到达 OSS，观众看不到任何画面。' +
      '请检查 OBS 是否推流到该直播频道的推流地址（已过期或重新签名的地址在连接时会被拒绝），并查看 OBS 日志中的 RTMP 错误。',
    noOutput:
      'OBS 显示正在直播，但输出字节数不再增长（码率为 0）：没有发送任何数据。' +
      '请检查网络；如果一分钟内仍未恢复，请在 OBS 中停止并重新开始推流。',
    droppedFrames:
      '由于网络无法承载，OBS 在最近 {{seconds}} 秒内丢弃了 {{percent}}% 的帧：' +
      '请在 OBS 中降低视频码率（设置 > 输出），或释放上行带宽。',
    obsReconnecting:
      'OBS 与推流服务器的连接已断开，正在重连；恢复之前观众看到的画面会卡住。' +
      '如果一直失败，请检查网络（签名推流地址过期后的重连会被拒绝）。',
    reconnectStuck:
      'OBS 已重连 {{seconds}} 秒仍未成功。请在 OBS 中停止并重新开始推流（重连可能卡死并长时间无画面）；' +
      '如果仍然失败，请重新开播以获取新的推流地址。',
    outputWedged: 'OBS 显示推流处于活动状态，但已有 {{seconds}} 秒没有发送任何数据：输出已卡死。请在 OBS 中停止并重新开始推流。',
    urlExpired:
      '签名推流地址已于 {{at}} 过期：当前推流不受影响，但 OBS 一旦断开将无法重连。请在方便时停播并重新开播以获取新地址。',
    urlExpiring: '签名推流地址将在 {{minutes}} 分钟后（{{at}}）过期，之后 OBS 的重连会被拒绝。请安排停播并重新开播以获取新地址。',
    codec:
      'OBS 发送的是 {{what}}，但 OSS 直播频道仅支持 H.264 视频和 AAC 音频。' +
      '请在 OBS 中选择 H.264 编码器（如 x264）和 AAC 音频（设置 > 输出），然后重新开始推流。',
    codecVideo: '{{codec}} 视频',
    codecAudio: '{{codec}} 音频',
    codecBoth: '{{video}} 视频和 {{audio}} 音频',
    obsUnreachable:
      '无法读取 OBS 的状态（{{error}}）；恢复之前监控中 OBS 一侧显示为未知，推流本身可能并无问题。' +
      '请确认 OBS 正在运行并已开启 WebSocket 服务器。',
    ossUnreachable:
      '无法从 OSS 读取直播频道状态（{{error}}），正在重试。在此期间监控中 OSS 一侧显示为未知，推流本身可能并无问题。' +
      '请检查网络和 OSS 访问域名（Endpoint）。',
  },

  goLive: {
    obsAlreadyStreaming:
      'OBS 已在推流。开播需要修改 OBS 的推流目标，而 OBS 在推流时不允许修改：' +
      '请先在 OBS 中停止推流（或运行 `oss-live stop`），然后重试。',
    cannotReadChannel: '无法从 OSS 读取直播频道“{{channel}}”：{{error}}。',
    channelAlreadyLive:
      '直播频道“{{channel}}”已在直播：另一个位于 {{remoteAddr}} 的编码器自 {{since}} 起一直在推流。' +
      '请停止该编码器（或选择其他直播频道）后重试。',
    channelExists: '直播频道“{{channel}}”已存在（{{config}}），其配置保持不变。',
    channelCreated: '已创建直播频道“{{channel}}”（{{config}}）。',
    channelConfig: '{{status}}，FragDuration {{fragDuration}} 秒，FragCount {{fragCount}}，播放列表 {{playlistName}}',
    channelStatus: { enabled: '已启用', disabled: '已禁用' },
    createdChannelDeleted: '已删除本次开播创建的直播频道“{{channel}}”。',
    alreadyEnabled: '直播频道已处于启用状态。',
    channelEnabled: '已启用直播频道“{{channel}}”（原为禁用）。',
    channelDisabledAgain: '已重新禁用直播频道“{{channel}}”，恢复为原来的状态。',
    signedForPlan: '有效期至 {{expiresAt}}，共 {{lifetime}} = 计划时长 {{planned}} + OBS 重连预留 {{budget}}。',
    signedAsAsked: '有效期至 {{expiresAt}}，共 {{lifetime}}（按指定时长）。',
    urlShorterThanBudget:
      '推流地址将在 {{lifetime}} 后过期，短于 OBS 的重连预留时间 {{budget}}：过期后 OSS 会拒绝 OBS 的重连，' +
      '请在此之前停播并重新开播。',
    urlShorterThanPlan:
      '推流地址将在 {{lifetime}} 后过期，短于计划时长 {{planned}} 加上 OBS 的重连预留时间 {{budget}}：' +
      '过期后 OSS 会拒绝 OBS 的重连，请在此之前停播并重新开播。',
    preflightSummary: 'OBS 可以连接且处于空闲状态；{{videoEncoder}}（{{videoCodec}}），{{keyframes}}，{{audioEncoder}}（{{audioCodec}}）。',
    keyframesUnknown: '关键帧间隔未知',
    keyframesEvery: '每 {{seconds}} 秒一个关键帧',
    keyframeOnce: '仅有一个关键帧',
    snapshotKept: '保留了一次未正常结束的会话在 {{savedAt}} 保存的设置（OBS 仍指向该会话的推流地址）：{{file}}',
    snapshotSaved: '已将您的 {{serviceType}} 设置保存到 {{file}}',
    snapshotRemoved: '已删除保存的设置（它们已恢复到 OBS 中）。',
    serviceSet: 'OBS 现在推流到 {{server}}（自定义服务器；签名密钥不予显示）。',
    serviceRestored: '已将您的 {{serviceType}} 设置恢复到 OBS 中。',
    startAccepted: 'OBS 已接受 StartStream 请求，正在连接。',
    obsStarted: 'OBS 报告推流已开始。',
    streamStopped: '已在 OBS 中停止推流。',
    ossLive: 'OSS 报告直播频道“{{channel}}”处于 Live 状态，推流来自 {{remoteAddr}}（轮询 {{polls}} 次）。',
    ossLiveWithVideo:
      'OSS 报告直播频道“{{channel}}”处于 Live 状态，推流来自 {{remoteAddr}}，视频 {{codec}} {{width}}x{{height}}（轮询 {{polls}} 次）。',
    ossNeverLive: 'OBS 正在推流，但 OSS 在 {{timeout}} 内未报告直播频道“{{channel}}”处于 Live 状态（最后状态：{{status}}）。',
    failedStart: '{{lead}}OSS 掌握的情况：{{facts}}。',
    factUrlExpired: '签名推流地址已于 {{at}} 过期',
    factChannelDisabled: '直播频道“{{channel}}”已被禁用（在开播启用它之后又被禁用）',
    factOtherEncoder: '直播频道“{{channel}}”自 {{since}} 起已有来自 {{remoteAddr}} 的推流：另一个编码器正在向它推流',
    factChannelGone: '直播频道“{{channel}}”已不存在',
    factOssUnreachable: '无法查询 OSS（{{error}}）',
    factNothingWrong:
      'OSS 未发现直播频道“{{channel}}”有任何问题：请检查本机能否访问 {{server}}' +
      '（网络、防火墙或代理是否放行 RTMP 端口 1935），并查看 OBS 日志（帮助 → 日志文件）',
    historyNotRecorded: '无法将本次直播写入本地历史记录：{{error}}',
    cancelled: '已取消。',
    failedAt: '开播在“{{step}}”步骤失败：{{reason}}',
    cancelledAt: '开播已在“{{step}}”步骤取消。',
    failure: '{{headline}}\n{{rollback}}',
    allPutBack: '本次开播所做的更改均已还原。',
    nothingChanged: '尚未做任何更改。',
    couldNotPutBack: '以下更改未能还原：{{problems}}。请运行 `oss-live stop {{channel}}` 重试。',
    undoProblem: '{{step}}（{{error}}）',
    couldNotUndo: '无法还原：{{error}}',
    snapshotKeptForStop: '已将保存的设置保留在 {{file}} 中，以便 `oss-live stop` 恢复。',
  },

  stop: {
    obsNotStreaming: 'OBS 当前未在推流。',
    notOurStream: 'OBS 正在推流到 {{destination}}，而不是直播频道“{{channel}}”，因此未停止它。如确需停止，请在 OBS 中操作。',
    serviceOfType: '{{type}} 服务',
    stoppedAndReleased: 'OBS 已停止推流，OSS 也不再报告该直播频道处于 Live 状态。',
    stopped: 'OBS 已停止推流。',
    ossStillLive: 'OBS 停止推流 {{seconds}} 秒后，OSS 仍报告直播频道“{{channel}}”处于 Live 状态；通常几秒内就会更新。',
    noSnapshot: '没有保存的 OBS 设置，无需恢复。',
    repointed: 'OBS 已不再指向开播时的推流地址，因此保留其当前设置；已删除 {{file}}。',
    restored: '已恢复您在 {{savedAt}} 保存的 {{serviceType}} 设置。',
    snapshotOfOtherChannel: '保存的 OBS 设置来自直播频道“{{channel}}”的一次会话；由于它们是您 OBS 自己的设置，仍已恢复。',
    staysEnabled: '直播频道保持启用（如需禁用，请选择同时禁用直播频道，或在命令行中使用 --disable）。',
    channelDisabled: '直播频道“{{channel}}”已禁用：重新启用之前，OSS 将拒绝任何推流。',
    noHistory: '此处不保存直播历史记录。',
    noOpenBroadcast: '本地历史记录中没有直播频道“{{channel}}”未结束的直播。',
    historyNotRecorded: '无法在本地历史记录中记下直播结束时间：{{error}}',
    historyNotWritten: '无法写入本地历史记录。',
    endRecorded: '已记下直播结束时间。',
    endRecordedAfterObsStopped: 'OBS 已不在推流；已记下它此前那场直播的结束时间。',
    failedAt: '停播在“{{step}}”步骤失败：{{reason}}',
  },

  preflight: {
    videoOk: '视频编码器 {{encoder}} 输出 H.264。',
    videoUnknown:
      '无法判断视频编码器 {{encoder}} 输出的编码格式。OSS 直播频道仅支持 H.264：请在“设置 → 输出”中选择 H.264 编码器（如 x264）。',
    videoWrong: '视频编码器 {{encoder}} 输出 {{codec}}。OSS 直播频道仅支持 H.264：请在“设置 → 输出”中选择 H.264 编码器（如 x264）。',
    audioOk: '音频编码器 {{encoder}} 输出 AAC。',
    audioUnknown: '无法判断音频编码器 {{encoder}} 输出的编码格式。OSS 直播频道仅支持 AAC 音频：请在“设置 → 输出”中将音频编码器设为 AAC。',
    audioWrong: '音频编码器 {{encoder}} 输出 {{codec}}。OSS 直播频道仅支持 AAC 音频：请在“设置 → 输出”中将音频编码器设为 AAC。',
    keyframeUnknown: '关键帧间隔未知：{{how}}。请确保它不超过直播频道的 FragDuration（{{fragDuration}} 秒）。{{fix}}',
    keyframeOk: '关键帧间隔 {{interval}}（{{how}}）符合直播频道的 FragDuration（{{fragDuration}} 秒）。',
    keyframeTooLong:
      '关键帧间隔 {{interval}}（{{how}}）超过了直播频道的 FragDuration（{{fragDuration}} 秒）：OSS 只能在关键帧处切片，' +
      '切片会变长，播放可能卡顿。{{fix}}',
    intervalSeconds: '{{seconds}} 秒',
    intervalInfinite: '无限（仅开头一个关键帧）',
    howAdvancedMode: '高级输出模式将关键帧间隔保存在 streamEncoder.json 中，obs-websocket 无法读取',
    howEncoderDefault: '简单输出模式使用 {{encoder}} 编码器的默认值',
    howInfinite: 'x264 选项设置了 keyint=infinite',
    howX264Default: 'x264 默认 {{frames}} 帧，帧率 {{fps}} fps',
    howX264Options: 'x264 选项中的 keyint={{frames}}，帧率 {{fps}} fps',
    fixX264: '请在“设置 → 输出”中启用高级编码器设置，并在 x264 选项中填写 keyint={{frames}}。',
    fixAdvanced: '请在“设置 → 输出”（高级模式）中将关键帧间隔设为 {{fragDuration}} 秒或更短（不要设为 0，即自动）。',
  },

  obs: {
    error: '{{detail}}{{advice}}',
    alreadyStreaming: 'OBS 已在推流。',
    couldNotStart: 'OBS 无法开始推流。',
    stillActive: 'OBS 报告推流已停止，但其输出仍处于活动状态。',
    handshakeTimeout: '位于 {{url}} 的 OBS 未能及时完成 WebSocket 握手。',
    closedWhileConnecting: '连接在建立过程中被本应用关闭。',
    appReconnecting: '本应用正在重新连接 OBS。',
    appNotConnected: '本应用尚未连接到 OBS。',
    requestTimeout: 'OBS 在 {{seconds}} 秒内未响应 {{request}}。',
    closedBeforeAnswer: '与 OBS 的连接在其响应 {{request}} 之前已关闭。',
    closedBeforeReport: '与 OBS 的连接在其报告{{what}}之前已关闭。',
    reportTimeout: 'OBS 在 {{seconds}} 秒内未报告{{what}}。',
    streamStarted: '推流已开始',
    streamStopped: '推流已停止',
    passwordRefused: 'OBS 拒绝了 WebSocket 密码（{{reason}}）。',
    unreachable: '无法连接到 OBS（{{reason}}）。',
    unreachableAt: '无法连接到位于 {{url}} 的 OBS（{{reason}}）。',
    connectionClosed: '连接已关闭',
    refused: 'OBS 拒绝了 {{request}}（状态码 {{status}}）。',
    refusedWithComment: 'OBS 拒绝了 {{request}}（状态码 {{status}}：{{comment}}）。',
    cannotAsk: '无法向 OBS 请求 {{request}}（{{reason}}）。',
    notReady: 'OBS 在 {{attempts}} 次尝试后仍回复“尚未就绪”。',
    advice: {
      unreachable: '请启动 OBS Studio，开启其 WebSocket 服务器（工具 → WebSocket 服务器设置），并检查端口是否一致。',
      auth: '请从 OBS 复制密码（工具 → WebSocket 服务器设置 → 显示连接信息）并填入配置。',
      'not-ready': 'OBS 仍在加载中，请稍候再试。',
      'output-running': '请先在 OBS 中停止推流，然后重试。',
      'start-failed':
        'OBS 没有给出原因；通常是 RTMP 服务器拒绝了推流或无法连接：推流地址或推流密钥可能有误或已过期，' +
        '或者直播频道已被禁用或已在直播。详情请查看 OBS 日志（帮助 → 日志文件）。',
      timeout: '请确认 OBS 响应正常（没有等待回答的对话框），然后重试。',
      'request-failed': '请检查 OBS 的设置和日志（帮助 → 日志文件），然后重试。',
      disconnected: '请重新连接 OBS（它是否仍在运行？），然后重试。',
    },
  },

  oss: {
    answered: 'OSS 返回 {{code}}：{{message}}（状态码 {{status}}）',
    answeredWithRequestId: 'OSS 返回 {{code}}：{{message}}（状态码 {{status}}，请求 ID {{requestId}}）',
    hints: {
      ChannelStillLive: '{{message}} 直播频道正在直播：请先停止推流（或禁用直播频道）。',
      NoSuchLiveChannel: '{{message}} 直播频道不存在（可能已被删除）：请刷新直播频道列表。',
      LiveChannelDisabled: '{{message}} 直播频道已被禁用：请先启用。',
      SignatureDoesNotMatch: '{{message}} AccessKey Secret 与 AccessKey ID 不匹配：请检查配置中的 Secret。',
      InvalidAccessKeyId: '{{message}} AccessKey ID 不存在，或其 STS 临时凭证已过期：请检查配置。',
      AccessDenied: '{{message}} 当前凭证无权执行此操作：请检查 RAM 权限策略（oss:*LiveChannel*）。',
      RequestTimeTooSkewed: '{{message}} 本机时间与标准时间相差超过 15 分钟：请校正系统时间。',
      NoSuchBucket: '{{message}} 该地域下不存在此 Bucket：请检查配置（Bucket、Endpoint）。',
      NetworkError: '{{message}} 无法连接 OSS：请检查网络和访问域名（Endpoint）。',
      RequestTimeout: '{{message}} OSS 未及时响应：请检查网络后重试。',
    },
  },

  app: {
    internalError: '应用内部出错，详细信息已写入日志；请重试。',
  },

  keychain: {
    unavailable: {
      'no-session-bus':
        '没有 D-Bus 会话总线（DBUS_SESSION_BUS_ADDRESS 未设置或指向无效地址），因此无法访问系统钥匙串：' +
        '请在桌面会话中运行，或启动带有 Secret Service 的会话总线，例如 ' +
        "`dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock --components=secrets; <command>'`。" +
        '密钥绝不会改为以明文保存。',
      'no-secret-service':
        'D-Bus 会话总线上没有 Secret Service（org.freedesktop.secrets）：请启动 gnome-keyring 或 KeePassXC 的 ' +
        'Secret Service 集成，或在桌面会话中运行。密钥绝不会改为以明文保存。',
      'keyring-locked':
        'Secret Service 没有已解锁的默认密钥环：请解锁（登录桌面会话，或用 `gnome-keyring-daemon --unlock` 启动 ' +
        'gnome-keyring）后重试。密钥绝不会改为以明文保存。',
    },
    missingSecret: '配置“{{profile}}”在系统钥匙串中没有 {{secret}}：如果密钥环已锁定，请先解锁；否则请在编辑配置时重新填写该密钥',
    profileNotFound: '没有名为“{{name}}”的配置（请查看配置列表；名称不区分大小写）',
  },

  connection: {
    ossOk: '已连接到 Bucket {{bucket}}：可见 {{channels}} 个直播频道。',
    obsOk: '已连接到 OBS {{obsVersion}}（obs-websocket {{webSocketVersion}}），地址 {{url}}。',
  },

  validation: {
    fieldRule: '{{field}}：{{rule}}',
    notEmpty: '不能为空',
    maxBytes: '不能超过 {{max}} 字节（UTF-8）',
    noSlash: '不能包含“/”',
    noLeadingBackslash: '不能以“\\”开头',
    noLeadingSlash: '不能以“/”或“\\”开头',
    noControlCharacters: '不能包含控制字符',
    integerRange: '必须是 {{min}} 到 {{max}} 之间的整数（当前为 {{value}}）',
    fragmentsTogether: 'fragDuration 和 fragCount 必须同时填写或同时留空',
    playlistSuffix: '必须以“.m3u8”结尾',
    byteLength: '长度必须为 {{min}} 到 {{max}} 字节（当前为 {{value}}）',
    unixSeconds: '必须是非负整数的 Unix 时间戳（秒）',
    laterThanStart: '必须晚于 startTime',
    spanAtMostOneDay: '时间范围不能超过一天（86400 秒）',
    enabledOrDisabled: '必须为“enabled”或“disabled”',
    bucketName: '必须为 3～63 个字符，只能包含小写字母、数字和短划线（-），且必须以小写字母或数字开头和结尾',
    profileBucketName: '必须为 3～63 个小写字母、数字或短划线（-），且不能以短划线开头或结尾',
    profileName: '必须为 1～64 个字符：字母、数字、空格、“-”、“_”或“.”',
    noOuterSpace: '不能以空格开头或结尾',
    reservedProfileName: '“{{name}}”是内置的模拟器配置，请使用其他名称',
    endpoint: '必须是 http(s) 地址或域名，例如 oss-cn-hangzhou.aliyuncs.com',
    noUserInfo: '不能包含用户名或密码',
    noPathQueryFragment: '不能包含路径、查询参数或片段（#）',
    regionId: '必须是由小写字母、数字和短划线组成的地域 ID，例如 cn-hangzhou',
    noSpaceOrControl: '不能包含空格或控制字符',
    signatureVersion: '必须为“v1”或“v4”',
    webSocketUrl: '必须是 ws:// 或 wss:// 地址，例如 ws://127.0.0.1:4455',
    rtmpUrl: '必须是 rtmp:// 或 rtmps:// 地址，例如 rtmp://example.com/live',
    noQueryFragment: '不能包含查询参数或片段（#）',
    nonEmptyString: '必须是非空字符串',
    requiredForNewProfile: '新建配置时必须填写',
    required: '必须填写',
    secretNeeded: '不能删除：配置必须有一个',
    requiredWithEndpoint: '显式指定 Endpoint 时必须填写',
  },
};
