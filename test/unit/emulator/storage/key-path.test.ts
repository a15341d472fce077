import { describe, expect, it } from 'vitest';

import { escapeComponent, keyToRelativePath, relativePathToKey, unescapeComponent } from '../../../../emulator/storage/key-path';

describe('keyToRelativePath / relativePathToKey', () => {
  it.each([
    ['channel/1700000000123.ts', 'channel/1700000000123.ts'],
    ['live channel 2/playlist.m3u8', 'live channel 2/playlist.m3u8'],
    ['直播/片段.ts', '直播/片段.ts'],
    ['a/../b', 'a/%2E%2E/b'],
    ['./x', '%2E/x'],
    ['folder/', 'folder/%00'],
    ['a//b', 'a/%00/b'],
    ['100%/x', '100%25/x'],
    ['c:\\win*?"<>|', 'c%3A%5Cwin%2A%3F%22%3C%3E%7C'],
    ['tab\there', 'tab%09here'],
  ])('maps %j to %j and back', (key, relative) => {
    expect(keyToRelativePath(key)).toBe(relative);
    expect(relativePathToKey(relative)).toBe(key);
  });

  it('hashes over-long components to at most 200 bytes, keeping a readable prefix, and does not map them back', () => {
    const long = 'é'.repeat(300);
    const escaped = escapeComponent(long);
    expect(Buffer.byteLength(escaped)).toBeLessThanOrEqual(200);
    expect(escaped.startsWith('é'.repeat(50))).toBe(true);
    expect(escaped).toMatch(/%~[0-9a-f]{64}$/);
    expect(escapeComponent(`${long}x`)).not.toBe(escaped);
    expect(unescapeComponent(escaped)).toBeUndefined();
  });

  it('does not cut an escape sequence when hashing', () => {
    const escaped = escapeComponent('%'.repeat(120));
    expect(escaped).toMatch(/^(%25)+%~[0-9a-f]{64}$/);
  });

  it('refuses names the rule never produces', () => {
    expect(unescapeComponent('bad%zz')).toBeUndefined();
    expect(unescapeComponent('%FF')).toBeUndefined();
    expect(relativePathToKey('ok/bad%')).toBeUndefined();
  });
});
