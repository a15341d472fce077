import { parseErrorBody } from './xml';

export interface OssErrorInit {
  /** HTTP status; 0 when no response arrived (network error, timeout, abort). */
  status: number;
  /** OSS error code (`NoSuchLiveChannel`), or `NetworkError` / `RequestTimeout` / `RequestAborted` / `InvalidResponse`. */
  code: string;
  message: string;
  requestId?: string;
  /** OSS's finer-grained error code, e.g. `0044-00000001`. */
  ec?: string;
  hostId?: string;
  /** What the server signed, sent with SignatureDoesNotMatch: compare it with the client's. */
  stringToSign?: string;
  /** Every other text element of the error body (BucketName, Header, ...). */
  details?: Record<string, string>;
  cause?: unknown;
}

/** The one error type of the OSS client: service errors and transport failures alike. */
export class OssError extends Error {
  override readonly name = 'OssError';
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly ec?: string;
  readonly hostId?: string;
  readonly stringToSign?: string;
  readonly details: Record<string, string>;

  constructor(init: OssErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.ec !== undefined) this.ec = init.ec;
    if (init.hostId !== undefined) this.hostId = init.hostId;
    if (init.stringToSign !== undefined) this.stringToSign = init.stringToSign;
    this.details = init.details ?? {};
  }
}

/** The parts of an HTTP response an error is made from. */
export interface ErrorResponse {
  status: number;
  statusMessage: string;
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
}

const decoder = new TextDecoder();

/** HEAD responses have no body: OSS then sends the error document base64-encoded in `x-oss-err`. */
function errorDocument(response: ErrorResponse): string {
  if (response.body.length > 0) return decoder.decode(response.body);
  const encoded = response.headers['x-oss-err'];
  return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
}

/** Turns a non-2xx response into an OssError, from its `<Error>` body when it has one. */
export function errorFromResponse(response: ErrorResponse): OssError {
  const headerRequestId = response.headers['x-oss-request-id'];
  const headerEc = response.headers['x-oss-ec'];
  const document = errorDocument(response);
  const parsed = parseErrorBody(document);
  if (parsed) {
    const requestId = parsed.requestId ?? headerRequestId;
    const ec = parsed.ec ?? headerEc;
    return new OssError({
      status: response.status,
      code: parsed.code,
      message: parsed.message || `HTTP ${response.status}`,
      ...(requestId ? { requestId } : {}),
      ...(ec ? { ec } : {}),
      ...(parsed.hostId ? { hostId: parsed.hostId } : {}),
      ...(parsed.stringToSign !== undefined ? { stringToSign: parsed.stringToSign } : {}),
      details: parsed.details,
    });
  }
  // Not an OSS error document (proxy page, empty body): keep a short excerpt for diagnosis.
  const excerpt = document.trim().slice(0, 200);
  return new OssError({
    status: response.status,
    code: 'UnknownError',
    message: `HTTP ${response.status} ${response.statusMessage}`.trim() + (excerpt ? `: ${excerpt}` : ''),
    ...(headerRequestId ? { requestId: headerRequestId } : {}),
    ...(headerEc ? { ec: headerEc } : {}),
  });
}
