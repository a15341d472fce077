/**
 * The main process renders its English from the message catalogue. These are the texts it printed before the
 * catalogue existed (the CLI, the logs and every `message` field keep them word for word), produced by the real
 * code paths: alert rules, OBS and OSS errors, keychain errors, validation, preflight, go-live's summaries.
 */
import { describe, expect, it } from 'vitest';

import { toApiError } from '../../../electron/api/api-error';
import { GoLiveError, urlLifetime } from '../../../electron/golive';
import { describeError } from '../../../electron/golive/errors';
import { KeychainUnavailableError, MissingSecretError } from '../../../electron/keychain';
import { ALERT_RULES } from '../../../electron/monitor/alert-rules';
import { ObsError } from '../../../electron/obs';
import { preflight } from '../../../electron/obs/preflight';
import { OssError } from '../../../electron/oss';
import type { LocalizedText } from '../../../shared/messages';
import { msg, renderMessage } from '../../../shared/messages';
import { validateProfileName } from '../../../shared/profile-validation';
import { ValidationError, validateFragments } from '../../../shared/validation';
import { inputAt, obsAt, obsUnknownAt, ossAt } from '../monitor/timeline-builders';

function rule(id: string) {
  const found = ALERT_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function thrown(action: () => void): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

/** The English `message` and the English rendering of the translatable `text` agree. */
function expectEnglish(carrier: { message: string; text?: LocalizedText }, english: string): void {
  expect(carrier.message).toBe(english);
  expect(carrier.text && renderMessage(carrier.text)).toBe(english);
}

describe('English from the catalogue, as before', () => {
  it('alerts', () => {
    const codec = rule('codec').evaluate(inputAt(1, [ossAt(1, { videoCodec: 'HEVC' })]));
    expect(codec).not.toBeNull();
    expectEnglish(
      codec as NonNullable<typeof codec>,
      'OBS sends HEVC video, but OSS LiveChannel takes only H.264 video and AAC audio. ' +
        'Pick an H.264 encoder (e.g. x264) and AAC audio in OBS (Settings > Output), then restart the stream.',
    );
    const obs = rule('obs-unreachable').evaluate(inputAt(1, [obsUnknownAt(1)]));
    expectEnglish(
      obs as NonNullable<typeof obs>,
      'Cannot read OBS (connect ECONNREFUSED 127.0.0.1:4455); its side of the monitor shows unknown until it is back, ' +
        'and the stream itself may be fine. Check that OBS is running with its WebSocket server on.',
    );
    const idle = rule('oss-idle-while-live').evaluate(inputAt(20, [obsAt(20, { reconnecting: true }), ossAt(20, { status: 'Idle' })]));
    expectEnglish(
      idle as NonNullable<typeof idle>,
      'OSS reports the channel Idle while OBS is reconnecting: nothing reaches OSS and viewers see nothing. Check that OBS ' +
        "streams to this channel's ingest URL (an expired or re-signed URL is refused at connect) and OBS's log for RTMP errors.",
    );
    const expiring = rule('url-expiry').evaluate(inputAt(0, [], { urlExpiresAt: Date.UTC(2024, 4, 1, 12, 10, 0) }));
    expectEnglish(
      expiring as NonNullable<typeof expiring>,
      'The signed ingest URL expires in 10 min (2024-05-01T12:10:00.000Z); OBS reconnects after that will be refused. ' +
        'Plan to stop and go live again for a new URL.',
    );
  });

  it('OBS errors: what happened, then what to do', () => {
    const error = new ObsError('unreachable', msg('obs.unreachableAt', { url: 'ws://127.0.0.1:4455', reason: 'connect ECONNREFUSED 127.0.0.1:4455' }));
    expectEnglish(
      error,
      'Could not connect to OBS at ws://127.0.0.1:4455 (connect ECONNREFUSED 127.0.0.1:4455). Start OBS Studio, turn on ' +
        'its WebSocket server (Tools → WebSocket Server Settings) and check that the port matches.',
    );
    expect(new ObsError('output-running', 'OBS is already streaming.').message).toBe(
      'OBS is already streaming. Stop the stream in OBS first, then try again.',
    );
  });

  it('OSS errors: the server’s message kept, the hint after it; go-live’s one-line description', () => {
    const error = new OssError({
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided.',
      requestId: '5C3D9175B6FC201293AD4890',
    });
    expectEnglish(
      toApiError(error),
      "The request signature we calculated does not match the signature you provided. The AccessKey secret does not match the AccessKey id: check the profile's secret.",
    );
    expect(describeError(error)).toBe(
      'OSS answered SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. ' +
        '(status 403, request id 5C3D9175B6FC201293AD4890)',
    );
    expectEnglish(toApiError(new Error('/home/user/secret path')), 'Something went wrong inside the app. The details are in the log; please try again.');
  });

  it('keychain errors', () => {
    expect(new KeychainUnavailableError('keyring-locked').message).toBe(
      'The Secret Service has no unlocked default keyring: unlock it (log in to the desktop session, or ' +
        'start gnome-keyring with `gnome-keyring-daemon --unlock`) and try again. Secrets are never stored in plain text instead.',
    );
    expectEnglish(
      toApiError(new MissingSecretError('Studio', 'obsPassword')),
      'Profile "Studio" has no obsPassword in the system keychain: if the keyring is locked, unlock it; otherwise set the secret again with a profile update',
    );
  });

  it('validation: the field, then the rule', () => {
    const range = thrown(() => validateFragments(0, 3));
    expect([range.message, range.rule]).toEqual(['fragDuration: must be an integer from 1 to 100 (got 0)', 'must be an integer from 1 to 100 (got 0)']);
    expect(renderMessage(range.text)).toBe(range.message);
    expectEnglish(toApiError(thrown(() => validateProfileName('Local'))), 'name: "Local" is the built-in emulator profile; choose another name');
    // Rules no user meets (malformed API calls) may still be plain English.
    expect(new ValidationError('request.x', 'is not a known field').message).toBe('request.x: is not a known field');
  });

  it('preflight and the URL lifetime warning', () => {
    const profile = {
      outputMode: 'Simple',
      simpleStreamEncoder: 'x264',
      simpleUseAdvanced: 'false',
      simpleX264Settings: null,
      simpleAudioEncoder: null,
      advancedEncoder: null,
      advancedAudioEncoder: null,
      fpsNumerator: 30,
      fpsDenominator: 1,
    };
    const keyframes = preflight(profile, 2).checks.find((check) => check.id === 'keyframe-interval');
    expectEnglish(
      keyframes as NonNullable<typeof keyframes>,
      'Keyframe interval 8.33 s (x264’s default of 250 frames at 30 fps) is longer than the channel’s FragDuration of 2 s: ' +
        'OSS can only cut segments at keyframes, so segments get longer and playback may stutter. In Settings → Output, ' +
        'enable Advanced Encoder Settings and put keyint=60 in the x264 options.',
    );
    const lifetime = urlLifetime({ expiresInSeconds: 3600, plannedDurationSeconds: 7200 });
    expect(lifetime.warning).toBe(
      "The ingest URL expires in 1 h, less than the planned 2 h plus OBS's reconnect budget of 3 h 18 min: OSS refuses " +
        "OBS's reconnects after it expires, so stop and go live again before then.",
    );
    expect(lifetime.warningText && renderMessage(lifetime.warningText)).toBe(lifetime.warning);
  });

  it('go-live’s failure summary: the headline, then what was put back', () => {
    const reason = new ObsError('output-running', msg('obs.alreadyStreaming')).text;
    const text = msg('goLive.failure', {
      headline: msg('goLive.failedAt', { step: msg('steps.goLive.start'), reason }),
      rollback: msg('goLive.allPutBack'),
    });
    expect(new GoLiveError('start', text, []).message).toBe(
      'Go-live failed at "Start streaming in OBS": OBS is already streaming. Stop the stream in OBS first, then try again.\n' +
        'Everything this run changed was put back.',
    );
  });
});
