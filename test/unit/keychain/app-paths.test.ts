import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { APP_NAME, userDataDir } from '../../../electron/app-paths';

describe('userDataDir', () => {
  it('follows Electron on Linux: $XDG_CONFIG_HOME, else ~/.config, then the app name', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ann')).toBe('/xdg/OSS Live Companion');
    expect(userDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.config/OSS Live Companion');
    expect(userDataDir({ XDG_CONFIG_HOME: '' }, 'freebsd', '/home/ann')).toBe('/home/ann/.config/OSS Live Companion');
  });

  it('uses ~/Library/Application Support on macOS', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/ignored' }, 'darwin', '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/OSS Live Companion',
    );
  });

  it('uses %APPDATA% on Windows, with Windows path rules', () => {
    expect(userDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\OSS Live Companion',
    );
    expect(userDataDir({}, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\OSS Live Companion');
  });

  it('lets OSS_LIVE_DATA_DIR override every platform, made absolute', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(userDataDir({ OSS_LIVE_DATA_DIR: '/tmp/profiles-test', XDG_CONFIG_HOME: '/xdg' }, platform, '/h')).toBe(
        '/tmp/profiles-test',
      );
    }
    expect(userDataDir({ OSS_LIVE_DATA_DIR: 'relative/dir' }, 'linux', '/h')).toBe(path.resolve('relative/dir'));
    expect(userDataDir({ OSS_LIVE_DATA_DIR: '' }, 'linux', '/h')).toBe(`/h/.config/${APP_NAME}`);
  });

  it('defaults to the running process', () => {
    const saved = process.env.OSS_LIVE_DATA_DIR;
    process.env.OSS_LIVE_DATA_DIR = '/tmp/from-env';
    try {
      expect(userDataDir()).toBe('/tmp/from-env');
    } finally {
      if (saved === undefined) delete process.env.OSS_LIVE_DATA_DIR;
      else process.env.OSS_LIVE_DATA_DIR = saved;
    }
  });
});
