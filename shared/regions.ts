/**
 * Alibaba Cloud OSS public regions and the endpoints derived from them, for the region picker. A custom endpoint is
 * always possible (the escape hatch for CNAMEs, new regions, private clouds and the local emulator).
 */

export interface OssRegion {
  id: string;
  name: { en: string; zh: string };
  group: 'china' | 'asia-pacific' | 'europe-americas' | 'middle-east';
}

export const OSS_REGIONS: readonly OssRegion[] = [
  { id: 'cn-hangzhou', name: { en: 'China (Hangzhou)', zh: '华东1（杭州）' }, group: 'china' },
  { id: 'cn-shanghai', name: { en: 'China (Shanghai)', zh: '华东2（上海）' }, group: 'china' },
  { id: 'cn-nanjing', name: { en: 'China (Nanjing - Local Region)', zh: '华东5（南京-本地地域）' }, group: 'china' },
  { id: 'cn-fuzhou', name: { en: 'China (Fuzhou - Local Region)', zh: '华东6（福州-本地地域）' }, group: 'china' },
  { id: 'cn-wuhan-lr', name: { en: 'China (Wuhan - Local Region)', zh: '华中1（武汉-本地地域）' }, group: 'china' },
  { id: 'cn-qingdao', name: { en: 'China (Qingdao)', zh: '华北1（青岛）' }, group: 'china' },
  { id: 'cn-beijing', name: { en: 'China (Beijing)', zh: '华北2（北京）' }, group: 'china' },
  { id: 'cn-zhangjiakou', name: { en: 'China (Zhangjiakou)', zh: '华北3（张家口）' }, group: 'china' },
  { id: 'cn-huhehaote', name: { en: 'China (Hohhot)', zh: '华北5（呼和浩特）' }, group: 'china' },
  { id: 'cn-wulanchabu', name: { en: 'China (Ulanqab)', zh: '华北6（乌兰察布）' }, group: 'china' },
  { id: 'cn-shenzhen', name: { en: 'China (Shenzhen)', zh: '华南1（深圳）' }, group: 'china' },
  { id: 'cn-heyuan', name: { en: 'China (Heyuan)', zh: '华南2（河源）' }, group: 'china' },
  { id: 'cn-guangzhou', name: { en: 'China (Guangzhou)', zh: '华南3（广州）' }, group: 'china' },
  { id: 'cn-chengdu', name: { en: 'China (Chengdu)', zh: '西南1（成都）' }, group: 'china' },
  { id: 'cn-hongkong', name: { en: 'China (Hong Kong)', zh: '中国香港' }, group: 'china' },
  { id: 'ap-northeast-1', name: { en: 'Japan (Tokyo)', zh: '日本（东京）' }, group: 'asia-pacific' },
  { id: 'ap-northeast-2', name: { en: 'South Korea (Seoul)', zh: '韩国（首尔）' }, group: 'asia-pacific' },
  { id: 'ap-southeast-1', name: { en: 'Singapore', zh: '新加坡' }, group: 'asia-pacific' },
  { id: 'ap-southeast-3', name: { en: 'Malaysia (Kuala Lumpur)', zh: '马来西亚（吉隆坡）' }, group: 'asia-pacific' },
  { id: 'ap-southeast-5', name: { en: 'Indonesia (Jakarta)', zh: '印度尼西亚（雅加达）' }, group: 'asia-pacific' },
  { id: 'ap-southeast-6', name: { en: 'Philippines (Manila)', zh: '菲律宾（马尼拉）' }, group: 'asia-pacific' },
  { id: 'ap-southeast-7', name: { en: 'Thailand (Bangkok)', zh: '泰国（曼谷）' }, group: 'asia-pacific' },
  { id: 'eu-central-1', name: { en: 'Germany (Frankfurt)', zh: '德国（法兰克福）' }, group: 'europe-americas' },
  { id: 'eu-west-1', name: { en: 'UK (London)', zh: '英国（伦敦）' }, group: 'europe-americas' },
  { id: 'us-west-1', name: { en: 'US (Silicon Valley)', zh: '美国（硅谷）' }, group: 'europe-americas' },
  { id: 'us-east-1', name: { en: 'US (Virginia)', zh: '美国（弗吉尼亚）' }, group: 'europe-americas' },
  { id: 'me-east-1', name: { en: 'UAE (Dubai)', zh: '阿联酋（迪拜）' }, group: 'middle-east' },
  { id: 'me-central-1', name: { en: 'Saudi Arabia (Riyadh)', zh: '沙特（利雅得）' }, group: 'middle-east' },
];

/**
 * How the app reaches OSS in a region: `public` over the internet; `internal` from an ECS instance in the same region
 * (no traffic fee); `accelerate` through Alibaba's transfer acceleration (the bucket must have it enabled; V4 then
 * still signs with the bucket's own region).
 */
export type EndpointKind = 'public' | 'internal' | 'accelerate' | 'accelerate-overseas';

export function regionEndpoint(regionId: string, kind: EndpointKind = 'public'): string {
  switch (kind) {
    case 'public':
      return `oss-${regionId}.aliyuncs.com`;
    case 'internal':
      return `oss-${regionId}-internal.aliyuncs.com`;
    case 'accelerate':
      return 'oss-accelerate.aliyuncs.com';
    case 'accelerate-overseas':
      return 'oss-accelerate-overseas.aliyuncs.com';
  }
}

/** The region and kind an endpoint was derived from, or undefined for a custom endpoint. */
export function endpointRegion(endpoint: string): { regionId?: string; kind: EndpointKind } | undefined {
  const host = endpoint.replace(/^https?:\/\//, '').replace(/\/.*$/, '').toLowerCase();
  if (host === 'oss-accelerate.aliyuncs.com') return { kind: 'accelerate' };
  if (host === 'oss-accelerate-overseas.aliyuncs.com') return { kind: 'accelerate-overseas' };
  const match = /^oss-([a-z0-9-]+?)(-internal)?\.aliyuncs\.com$/.exec(host);
  if (!match?.[1] || !OSS_REGIONS.some((region) => region.id === match[1])) return undefined;
  return { regionId: match[1], kind: match[2] ? 'internal' : 'public' };
}
