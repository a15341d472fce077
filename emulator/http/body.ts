/** Request bodies: read small ones whole (XML) with a cap, and drain what a refused request still sends. */
import type { IncomingMessage } from 'node:http';

import { ERRORS, OssServiceError } from '../errors';

/** XML configuration bodies larger than this are refused (OSS configuration documents are a few KiB). */
export const MAX_XML_BODY_BYTES = 64 * 1024;

/**
 * After a refusal, the rest of a body is read and dropped (so the client sees the answer instead of a reset), but
 * only up to this much; beyond it the connection is closed.
 */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/** Reads and drops the rest of `req`; closes the connection instead if the body is very large. */
export async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return;
  let dropped = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      dropped += chunk.length;
      if (dropped > MAX_DRAIN_BYTES) {
        req.socket.destroy();
        return;
      }
    }
  } catch {
    // The client went away: nothing left to drain.
  }
}

/** The whole body, at most `limit` bytes; past that the rest is drained and 400 EntityTooLarge thrown. */
export async function readBody(req: IncomingMessage, limit = MAX_XML_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  const chunks: Buffer[] = [];
  let size = 0;
  if (declared <= limit) {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) break;
      chunks.push(chunk);
    }
  }
  if (declared > limit || size > limit) {
    await drain(req);
    throw new OssServiceError(ERRORS.entityTooLarge, `The limit for this request is ${limit} bytes.`);
  }
  return Buffer.concat(chunks);
}
