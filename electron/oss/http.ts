/**
 * Request execution: one attempt over node:http(s) with a timeout and an AbortSignal, and the retry loop around it.
 *
 * node:http rather than fetch: the exact path and query that were signed go on the wire unchanged (no URL
 * re-normalisation), the `Host` is the virtual-hosted bucket name, and `lookup` lets tests route a real OSS domain
 * endpoint to 127.0.0.1 without touching DNS.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import type { RequestTarget } from './endpoint';
import { OssError } from './errors';

export interface WireRequest {
  method: string;
  target: RequestTarget;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface WireResponse {
  status: number;
  statusMessage: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
  /** 1 for the first try; a DELETE answered 404 on attempt > 1 may mean the first try did delete. */
  attempt: number;
}

export interface AttemptOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  lookup?: LookupFunction;
}

export interface RetryPolicy {
  /** Extra attempts after the first (0 = no retry). */
  retries: number;
  /** First backoff; doubles per retry, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

const describeRequest = (request: WireRequest): string => `${request.method} ${request.target.path.split('?')[0] ?? ''}`;

/** Sends one request and reads the whole response. Transport failures become OssError with status 0. */
export async function sendOnce(request: WireRequest, options: AttemptOptions): Promise<Omit<WireResponse, 'attempt'>> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const send = request.target.protocol === 'https:' ? httpsRequest : httpRequest;
  try {
    return await new Promise((resolve, reject) => {
      const req = send({
        method: request.method,
        hostname: request.target.hostname,
        ...(request.target.port !== undefined ? { port: request.target.port } : {}),
        path: request.target.path,
        headers: request.headers,
        signal,
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: flattenHeaders(res.headers), body: Buffer.concat(chunks) }),
        );
        // A connection cut mid-body ends with 'close' but no 'end'.
        res.on('close', () => {
          if (!res.complete) reject(new Error('connection closed before the response was complete'));
        });
      });
      req.end(request.body);
    });
  } catch (error) {
    if (options.signal?.aborted) {
      throw new OssError({ status: 0, code: 'RequestAborted', message: `${describeRequest(request)} was aborted`, cause: options.signal.reason });
    }
    if (timeout.aborted) {
      throw new OssError({ status: 0, code: 'RequestTimeout', message: `${describeRequest(request)} timed out after ${options.timeoutMs} ms`, cause: error });
    }
    const reason = error instanceof Error ? `${'code' in error && typeof error.code === 'string' ? `${error.code}: ` : ''}${error.message}` : String(error);
    throw new OssError({ status: 0, code: 'NetworkError', message: `${describeRequest(request)} failed: ${reason}`, cause: error });
  }
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, capped at `maxDelayMs`. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return step / 2 + random() * (step / 2);
}

const isTransient = (error: unknown): boolean =>
  error instanceof OssError && (error.code === 'NetworkError' || error.code === 'RequestTimeout');

/**
 * Sends with retries: a fresh request (new date, fresh signature) per attempt from `prepare`. Retries network
 * errors, timeouts and 5xx; never 4xx, never an abort, never a non-idempotent call. After the last attempt a 5xx
 * response is returned for the caller to turn into an error.
 */
export async function sendWithRetries(
  prepare: () => Promise<WireRequest>,
  options: AttemptOptions & RetryPolicy & { idempotent: boolean },
): Promise<WireResponse> {
  const attempts = options.idempotent ? options.retries + 1 : 1;
  for (let attempt = 1; ; attempt += 1) {
    const request = await prepare();
    const last = attempt >= attempts;
    try {
      const response = await sendOnce(request, options);
      if (response.status < 500 || last) return { ...response, attempt };
    } catch (error) {
      if (last || !isTransient(error)) throw error;
    }
    try {
      await sleep(backoffDelay(attempt, options), undefined, options.signal ? { signal: options.signal } : undefined);
    } catch (error) {
      throw new OssError({ status: 0, code: 'RequestAborted', message: `${describeRequest(request)} was aborted`, cause: error });
    }
  }
}
