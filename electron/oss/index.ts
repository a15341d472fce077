/** The OSS LiveChannel client: import from here. */
export { OssLiveClient, DEFAULT_EXPIRES_SECONDS } from './client';
export type { OssLiveClientOptions, CallOptions, SignRtmpUrlOptions, PresignOptions, ExpiryOptions } from './client';
export type { Credentials, CredentialsSource } from './credentials';
export { OssError } from './errors';
export type { OssErrorInit } from './errors';
export { parseEndpoint, regionFromHostname } from './endpoint';
export type { Endpoint } from './endpoint';
export { signRtmpQuery, rtmpPublishUrl } from './sign-rtmp';
