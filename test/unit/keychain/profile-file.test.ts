import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import type { Profile } from '../../../shared/profile';
import {
  migrateProfileDocument,
  parseProfileFile,
  PROFILE_SCHEMA_VERSION,
  ProfileFileError,
  readProfileFile,
  serializeProfileFile,
  writeProfileFile,
} from '../../../electron/keychain/profile-file';
import { ValidationError } from '../../../shared/validation';

const studio: Profile = {
  name: 'Studio',
  endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
  region: 'cn-hangzhou',
  bucket: 'studio-live',
  accessKeyId: 'LTAI5tStudio',
  signatureVersion: 'v4',
  obsWebSocketUrl: 'ws://127.0.0.1:4455',
};
const backup: Profile = { ...studio, name: 'Backup', bucket: 'backup-live', signatureVersion: 'v1', rtmpBase: 'rtmp://cdn.example.com/live' };

/** A file's text with `edit` applied to its parsed JSON, as a person editing it by hand might. */
type Entry = Record<string, unknown>;
interface EditableDocument {
  schemaVersion: unknown;
  currentProfile?: unknown;
  profiles: [Entry, Entry];
}
function edited(edit: (document: EditableDocument) => void): string {
  const document = JSON.parse(serializeProfileFile({ currentProfile: 'Backup', profiles: [studio, backup] })) as EditableDocument;
  edit(document);
  return JSON.stringify(document);
}

function fileError(text: string): ProfileFileError {
  try {
    parseProfileFile(text, '/data/profiles.json');
  } catch (error) {
    if (error instanceof ProfileFileError) return error;
    throw error;
  }
  throw new Error('expected a ProfileFileError');
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('profile file format', () => {
  it('round-trips profiles and the profile in use, with the schema version', () => {
    const text = serializeProfileFile({ currentProfile: 'Backup', profiles: [studio, backup] });
    expect(JSON.parse(text)).toEqual({ schemaVersion: PROFILE_SCHEMA_VERSION, currentProfile: 'Backup', profiles: [studio, backup] });
    expect(parseProfileFile(text, 'f')).toEqual({ currentProfile: 'Backup', profiles: [studio, backup] });
    // Local in use is the absence of currentProfile.
    expect(JSON.parse(serializeProfileFile({ profiles: [] }))).toEqual({ schemaVersion: 1, profiles: [] });
  });

  it('writes only the known profile fields, whatever the caller passed', () => {
    const sloppy = { ...studio, accessKeySecret: 'leak', extra: 1 } as Profile;
    const text = serializeProfileFile({ profiles: [sloppy] });
    expect(text).not.toContain('leak');
    expect(JSON.parse(text)).toEqual({ schemaVersion: 1, profiles: [studio] });
  });

  it('names the field at fault in a hand-edited file', () => {
    const badBucket = edited((d) => { d.profiles[1].bucket = 'Bad_Bucket'; });
    const cases: ReadonlyArray<readonly [string, string]> = [
      [badBucket, 'profiles[1].bucket'],
      [edited((d) => { d.profiles[0].region = 7; }), 'profiles[0].region'],
      [edited((d) => { delete d.profiles[0].accessKeyId; }), 'profiles[0].accessKeyId'],
      [edited((d) => { d.profiles[0].obsWebSocketUrl = 'http://x'; }), 'profiles[0].obsWebSocketUrl'],
      [edited((d) => { d.profiles[0].colour = 'red'; }), 'profiles[0].colour'],
      [edited((d) => { d.profiles[1].name = 'STUDIO'; }), 'profiles[1].name'],
      [edited((d) => { d.profiles[0].name = 'local'; }), 'profiles[0].name'],
      [edited((d) => { d.profiles[1] = 'Backup' as unknown as Entry; }), 'profiles[1]'],
      [edited((d) => { d.currentProfile = 'Gone'; }), 'currentProfile'],
      [edited((d) => { d.currentProfile = 3; }), 'currentProfile'],
      [edited((d) => { (d as unknown as Entry).theme = 'dark'; }), 'theme'],
      [edited((d) => { (d as unknown as Entry).profiles = {}; }), 'profiles'],
      ['[]', '(file)'],
    ];
    for (const [text, field] of cases) expect(fileError(text).field, text).toBe(field);
    expect(fileError(badBucket).message).toMatch(
      /^\/data\/profiles\.json: profiles\[1\]\.bucket: must be 3 to 63 lowercase .* \(the file was left unchanged/,
    );
  });

  it('tells someone who pasted a secret into the file to use the keychain', () => {
    const error = fileError(edited((d) => { d.profiles[0].accessKeySecret = 'pasted-secret'; }));
    expect(error.field).toBe('profiles[0].accessKeySecret');
    expect(error.rule).toContain('system keychain');
    expect(error.message).not.toContain('pasted-secret');
  });

  it('reports broken JSON by position without quoting the text', () => {
    const error = fileError('{\n  "schemaVersion": 1,\n  "profiles": [ {"name": "x", "accessKeyId": "AKIA-quoted"} \n');
    expect(error.field).toBe('(file)');
    expect(error.rule).toMatch(/^is not valid JSON at line 4, column \d+$/);
    const quoted = fileError('{"profiles": [secret-looking-token]}');
    expect(quoted.rule).toBe('is not valid JSON');
    expect(quoted.message).not.toContain('secret-looking-token');
  });

  it('refuses files from a newer app and unknown schema versions', () => {
    expect(fileError(edited((d) => { d.schemaVersion = PROFILE_SCHEMA_VERSION + 1; })).rule).toMatch(/newer version of the app/);
    for (const version of [undefined, 0, 1.5, '1']) {
      expect(fileError(edited((d) => { d.schemaVersion = version; })).field).toBe('schemaVersion');
    }
  });
});

describe('schema migration', () => {
  const steps = new Map<number, (doc: Entry) => Entry>([
    [1, (doc) => ({ ...doc, renamed: doc.original, original: undefined })],
    [2, (doc) => ({ ...doc, added: `${String(doc.renamed)}!` })],
  ]);

  it('applies each step in order up to the target version', () => {
    expect(migrateProfileDocument({ schemaVersion: 1, original: 'x' }, steps, 3)).toEqual({
      schemaVersion: 3,
      renamed: 'x',
      original: undefined,
      added: 'x!',
    });
    expect(migrateProfileDocument({ schemaVersion: 2, renamed: 'y' }, steps, 3)).toMatchObject({ schemaVersion: 3, added: 'y!' });
    const current = { schemaVersion: 3, kept: true };
    expect(migrateProfileDocument(current, steps, 3)).toBe(current);
  });

  it('fails clearly when a step is missing', () => {
    expect(() => migrateProfileDocument({ schemaVersion: 1 }, new Map(), 2)).toThrow(ValidationError);
    expect(() => migrateProfileDocument({ schemaVersion: 1 }, new Map(), 2)).toThrow(/no upgrade from it/);
  });
});

describe('profile file on disk', () => {
  it('reads a missing file as empty, and writes a private file in a private directory', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'oss-live-profile-file-'));
    dirs.push(root);
    const file = path.join(root, 'nested', 'profiles.json');
    expect(await readProfileFile(file)).toEqual({ profiles: [] });
    await writeProfileFile(file, { currentProfile: 'Studio', profiles: [studio] });
    expect(await readProfileFile(file)).toEqual({ currentProfile: 'Studio', profiles: [studio] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('names the file in errors and leaves a bad file as it is', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'oss-live-profile-file-'));
    dirs.push(root);
    const file = path.join(root, 'profiles.json');
    const bad = '{"schemaVersion": 1, "profiles": [{"name": "Studio"}]}';
    await writeFile(file, bad);
    await expect(readProfileFile(file)).rejects.toThrow(ProfileFileError);
    await expect(readProfileFile(file)).rejects.toMatchObject({ file, field: 'profiles[0].endpoint' });
    expect(await readFile(file, 'utf8')).toBe(bad);
  });
});
