import { describe, expect, it } from 'vitest';

import {
  KeychainUnavailableError,
  keychainUnavailableReason,
  toKeychainError,
} from '../../../electron/keychain/keychain-errors';

// Messages recorded from @napi-rs/keyring 2.1.2 (libdbus and zbus paths) and keytar 7.9.0 on Debian 12.
const RECORDED: ReadonlyArray<readonly [string, string]> = [
  ['no-session-bus', 'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead'],
  ['no-session-bus', 'Cannot autolaunch D-Bus without X11 $DISPLAY'],
  ['no-session-bus', 'Platform failure: DBus error: Failed to connect to socket /nonexistent: No such file or directory'],
  ['no-session-bus', 'zbus error: Failed to connect to address `unix:path=/run/user/0/bus`: No such file or directory (os error 2)'],
  ['no-secret-service', 'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files'],
  ['no-secret-service', 'zbus error: org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files'],
  ['keyring-locked', "Couldn't access platform storage: Secret Service: no result found"],
  ['keyring-locked', 'Object does not exist at path “/org/freedesktop/secrets/collection/login”'],
];

describe('keychain errors', () => {
  it.each(RECORDED)('maps %s: %s', (reason, message) => {
    expect(keychainUnavailableReason(message)).toBe(reason);
    const mapped = toKeychainError(Object.assign(new Error(message), { code: 'GenericFailure' }));
    expect(mapped).toBeInstanceOf(KeychainUnavailableError);
    expect(mapped).toMatchObject({ reason, cause: { message } });
  });

  it('says what is missing and how to fix it, and never offers plaintext', () => {
    const noBus = new KeychainUnavailableError('no-session-bus').message;
    expect(noBus).toContain('DBUS_SESSION_BUS_ADDRESS');
    expect(noBus).toContain('dbus-run-session');
    const noService = new KeychainUnavailableError('no-secret-service').message;
    expect(noService).toContain('org.freedesktop.secrets');
    expect(noService).toMatch(/gnome-keyring.*KeePassXC/);
    expect(new KeychainUnavailableError('keyring-locked').message).toContain('unlock');
    for (const reason of ['no-session-bus', 'no-secret-service', 'keyring-locked'] as const) {
      expect(new KeychainUnavailableError(reason).message).toContain('never stored in plain text');
    }
  });

  it('passes other errors through unchanged', () => {
    const other = new Error('Ambiguous: more than one credential matches');
    expect(toKeychainError(other)).toBe(other);
    expect(toKeychainError('not an error')).toBe('not an error');
    const already = new KeychainUnavailableError('keyring-locked');
    expect(toKeychainError(already)).toBe(already);
  });
});
