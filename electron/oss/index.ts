/** The OSS LiveChannel client: import from here. */
export { OssLiveClient, DEFAULT_EXPIRES_SECONDS } from './client';
export type { OssLiveClientOptions, CallOptions, SignRtmpUrlOptions, PresignOptions, ExpiryOptions } from './client';
export type { Credentials, CredentialsSource } from './credentials';
export { OssError } from './errors';
export type { OssErrorInit } from './errors';
export { parseEndpoint, regionFromHostname, defaultRtmpBase } from './endpoint';
export type { Endpoint } from './endpoint';
export { authorizationV1, presignQueryV1, stringToSignV1, signatureV1 } from './sign-v1';
export { authorizationV4, canonicalRequestV4, presignQueryV4, stringToSignV4, signatureV4, formatV4Date } from './sign-v4';
export { rtmpStringToSign, signRtmpQuery, rtmpPublishUrl } from './sign-rtmp';
