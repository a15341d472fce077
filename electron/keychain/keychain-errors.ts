/**
 * Turns the keychain library's platform errors into one clear error the app can show. On Linux the keychain is the
 * Secret Service on the D-Bus session bus; each way it can be missing gets its own message and fix.
 */
import { LocalizedError, msg } from '../../shared/messages';

/** Why the system keychain cannot be used (each has its message and fix in keychain.unavailable). */
export type KeychainUnavailableReason = 'no-session-bus' | 'no-secret-service' | 'keyring-locked';

/**
 * Message fragments seen from @napi-rs/keyring (libdbus and zbus) and keytar under each condition
 * (probed with dbus-run-session and gnome-keyring on Debian 12). The first matching reason wins.
 */
const SIGNATURES: ReadonlyArray<readonly [KeychainUnavailableReason, RegExp]> = [
  // "Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead",
  // keytar's "Cannot autolaunch D-Bus without X11 $DISPLAY", a stale address ("Failed to connect to socket /x"),
  // and zbus's "Failed to connect to address `unix:path=/run/user/0/bus`".
  ['no-session-bus', /DBUS_SESSION_BUS_ADDRESS|autolaunch|Failed to connect to (socket|address)/i],
  // "The name org.freedesktop.secrets was not provided by any .service files" (libdbus and zbus ServiceUnknown).
  ['no-secret-service', /org\.freedesktop\.secrets/],
  // A Secret Service without an unlocked login collection: napi says "Secret Service: no result found", keytar says
  // "Object does not exist at path “/org/freedesktop/secrets/collection/login”".
  ['keyring-locked', /no result found|Object does not exist at path|is locked/i],
];

/** The system keychain is missing or unusable; the message says what is missing and how to fix it. */
export class KeychainUnavailableError extends LocalizedError {
  override readonly name = 'KeychainUnavailableError';
  constructor(
    readonly reason: KeychainUnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(msg(`keychain.unavailable.${reason}`), options);
  }
}

/** The reason a keychain library error means "no usable keychain", or undefined for any other error. */
export function keychainUnavailableReason(message: string): KeychainUnavailableReason | undefined {
  return SIGNATURES.find(([, pattern]) => pattern.test(message))?.[0];
}

/** Maps a keychain library error to {@link KeychainUnavailableError} when it means "no keychain"; others pass through. */
export function toKeychainError(error: unknown): unknown {
  if (error instanceof KeychainUnavailableError || !(error instanceof Error)) return error;
  const reason = keychainUnavailableReason(error.message);
  return reason ? new KeychainUnavailableError(reason, { cause: error }) : error;
}
