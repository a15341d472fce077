import { zhCN as zhCNMessages } from '../../../shared/messages/zh-CN';
import type { Translation } from './en';
import { channels } from './zh-CN/channels';
import { golive } from './zh-CN/golive';
import { history } from './zh-CN/history';
import { monitor } from './zh-CN/monitor';
import { profiles } from './zh-CN/profiles';

/** 简体中文。Keys mirror en.ts exactly (the type enforces it). */
export const zhCN: Translation = {
  messages: zhCNMessages,
  channels,
  golive,
  history,
  monitor,
  profiles,
  app: {
    title: 'OSS 直播助手',
    nav: {
      golive: '开播',
      monitor: '监控',
      channels: '频道',
      history: '历史与剪辑',
      profiles: '配置与 OBS',
    },
    language: '语言',
    profile: '配置',
    localEmulator: '本地模拟器',
    skipToContent: '跳到主要内容',
    connectionLost: '与应用的连接已断开，正在重连…',
    unreachable: '无法连接到应用。它还在运行吗？',
  },
  common: {
    loading: '加载中…',
    retry: '重试',
    cancel: '取消',
    close: '关闭',
    save: '保存',
    delete: '删除',
    copy: '复制',
    copied: '已复制',
    refresh: '刷新',
    confirm: '确认',
    yes: '是',
    no: '否',
    none: '—',
    error: '错误',
    copyNamed: '复制{{what}}',
    copyManually: '已选中：按 Ctrl+C（Mac 上按 ⌘C）复制。',
    expiry: {
      presets: { h1: '1 小时', h6: '6 小时', h12: '12 小时', h24: '1 天', d7: '7 天', custom: '自定义…' },
      amount: '自定义时长',
      unit: '单位',
      units: { minutes: '分钟', hours: '小时', days: '天' },
      invalid: '请输入大于 0 的整数，总时长最多 {{days}} 天。',
    },
    region: {
      region: '地域',
      kind: 'Endpoint 类型',
      kinds: {
        public: '外网访问',
        internal: '内网访问（同地域 ECS）',
        accelerate: '传输加速（全地域）',
        'accelerate-overseas': '传输加速（非中国内地）',
      },
      groups: { china: '中国', 'asia-pacific': '亚太', 'europe-americas': '欧洲与美洲', 'middle-east': '中东' },
      option: '{{name}} · {{id}}',
      custom: '自定义 Endpoint…',
      endpoint: '访问域名（Endpoint）',
      customEndpoint: '自定义 Endpoint',
      customHint: '填写域名或 http(s) 地址：自定义域名（CNAME）、新地域、专有云或本地模拟器。',
      regionId: '地域 ID（V4 签名需要）',
      internalHint: '仅能从同一地域的阿里云内网（如 ECS）访问。',
      accelerateHint: 'Bucket 需已开启传输加速；请求仍按上面所选地域签名。',
    },
  },
};
