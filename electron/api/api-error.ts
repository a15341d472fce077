import { englishMessages, msg, renderMessage } from '../../shared/messages';
import type { ApiErrorData } from '../../shared/wire';
import { ValidationError } from '../../shared/validation';
import { GoLiveError } from '../golive';
import { KeychainUnavailableError, MissingSecretError, ProfileFileError, ProfileNotFoundError } from '../keychain';
import { ObsError } from '../obs';
import { OssError } from '../oss';
import { ChannelExistsError } from '../services/create-channel';

/** OSS error codes a streamer is most likely to meet, each with a plain-language hint (oss.hints in the catalogue). */
type HintedOssCode = keyof typeof englishMessages.oss.hints;
const hasHint = (code: string): code is HintedOssCode => Object.hasOwn(englishMessages.oss.hints, code);

/**
 * Turns anything thrown by a service into data the renderer can show: what happened and what to do. Unknown errors
 * become a generic message; their details stay in the main process (they may carry paths or secrets).
 */
export function toApiError(error: unknown): ApiErrorData {
  if (error instanceof ValidationError) return { kind: 'validation', field: error.field, message: error.message, text: error.text };
  if (error instanceof ChannelExistsError) {
    // The app confirms before replacing (the renderer keys on this code), so no CLI flag in the message.
    const message = `Channel '${error.channel}' already exists; replacing it resets its configuration. Confirm to replace it.`;
    return { kind: 'conflict', code: error.code, message };
  }
  if (error instanceof OssError) {
    const kind = error.status === 404 ? 'not-found' : error.status === 409 ? 'conflict' : 'service';
    // OSS's own message stays as it is; the hint after it is the app's, so it is translated.
    const text = hasHint(error.code) ? msg(`oss.hints.${error.code}`, { message: error.message }) : undefined;
    return {
      kind,
      code: error.code,
      message: text ? renderMessage(text) : error.message,
      ...(text ? { text } : {}),
      ...(error.requestId ? { requestId: error.requestId } : {}),
    };
  }
  if (error instanceof GoLiveError) return { kind: 'service', code: `golive.${error.step}`, message: error.message, text: error.text };
  if (error instanceof ObsError) return { kind: 'obs', code: error.kind, message: error.message, text: error.text };
  if (error instanceof KeychainUnavailableError || error instanceof MissingSecretError) {
    return { kind: 'keychain', message: error.message, text: error.text };
  }
  if (error instanceof ProfileNotFoundError) return { kind: 'not-found', message: error.message, text: error.text };
  if (error instanceof ProfileFileError) return { kind: 'validation', field: error.field, message: error.message };
  const text = msg('app.internalError');
  return { kind: 'internal', message: renderMessage(text), text };
}
