/**
 * The browser-mode wire format: JSON messages over one WebSocket. Electron's IPC keeps `Date`s through structured
 * clone; JSON does not, so dates travel tagged (`{"$date": "ISO"}`) and are revived on the other side. Both
 * transports then hand the renderer the same values.
 */
import type { LocalizedText } from './messages';

export type WireMessage =
  | { type: 'call'; id: number; method: string; args: unknown[] }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: ApiErrorData }
  | { type: 'event'; event: string; payload: unknown };

/** An error as it crosses to the renderer: what happened, and what to do. Never a stack, never a secret. */
export interface ApiErrorData {
  kind: 'validation' | 'service' | 'obs' | 'keychain' | 'not-found' | 'conflict' | 'internal';
  /** English. */
  message: string;
  /** The same, translatable, when the app phrased it (server text inside stays verbatim). */
  text?: LocalizedText;
  /** The input field at fault (validation). */
  field?: string;
  /** OSS error code or OBS error kind. */
  code?: string;
  requestId?: string;
}

export function encodeWire(message: WireMessage): string {
  return JSON.stringify(message, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : value;
  });
}

const isTaggedDate = (value: unknown): value is { $date: string } =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as { $date?: unknown }).$date === 'string';

/** Parses one message; throws on anything that is not a well-formed message. */
export function decodeWire(text: string): WireMessage {
  const value: unknown = JSON.parse(text, (_key, raw: unknown) => (isTaggedDate(raw) ? new Date(raw.$date) : raw));
  if (typeof value !== 'object' || value === null || !('type' in value)) throw new Error('not a wire message');
  const message = value as Partial<WireMessage> & { type: unknown };
  switch (message.type) {
    case 'call':
      if (typeof message.id === 'number' && typeof message.method === 'string' && Array.isArray(message.args)) return message as WireMessage;
      break;
    case 'result':
      if (typeof message.id === 'number' && typeof message.ok === 'boolean') return message as WireMessage;
      break;
    case 'event':
      if (typeof message.event === 'string') return message as WireMessage;
      break;
  }
  throw new Error('not a wire message');
}
