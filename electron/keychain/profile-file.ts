/**
 * The profile file (`profiles.json` in the user data directory): non-secret profile fields and the profile in use.
 * Versioned, validated on every read, written atomically. A file that does not pass is reported with the field at
 * fault and never rewritten, so a hand edit gone wrong loses nothing.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { Profile } from '../../shared/profile';
import { isLocalProfileName } from '../../shared/profile';
import { validateObsWebSocketUrl, validateProfile } from '../../shared/profile-validation';
import { ValidationError } from '../../shared/validation';
import { writeFileAtomic } from '../fs/atomic-write';
import { errorCode } from '../util/error-code';
import { SECRET_KINDS } from './secret-store';

export const PROFILE_FILE_NAME = 'profiles.json';

/** Bump when the stored shape changes, and add the step from the previous version to {@link MIGRATIONS}. */
export const PROFILE_SCHEMA_VERSION = 1;

export interface ProfileFile {
  /** The profile in use; absent means the built-in Local profile. */
  currentProfile?: string;
  profiles: Profile[];
  /** The only settings of the built-in Local profile a user chooses: which OBS it drives (its OSS side is the emulator). */
  localObs?: { obsWebSocketUrl: string };
}

/** A JSON document on its way from an older schema version to the current one. */
export type ProfileDocument = Record<string, unknown>;

/** Upgrades a document from version N (the key) to N + 1. Empty while version 1 is the only one there has been. */
export const MIGRATIONS: ReadonlyMap<number, (document: ProfileDocument) => ProfileDocument> = new Map();

/** The profile file cannot be used as it is. It was not modified. */
export class ProfileFileError extends Error {
  override readonly name = 'ProfileFileError';
  constructor(
    readonly file: string,
    /** Path of the bad value inside the file, e.g. `profiles[1].bucket`. */
    readonly field: string,
    readonly rule: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${field}: ${rule} (the file was left unchanged: fix it by hand or move it away)`, options);
  }
}

const PROFILE_FIELDS: ReadonlySet<string> = new Set<keyof Profile>([
  'name', 'endpoint', 'region', 'bucket', 'accessKeyId', 'signatureVersion', 'obsWebSocketUrl', 'rtmpBase',
]);
const TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set(['schemaVersion', 'currentProfile', 'profiles', 'localObs']);
const SECRET_FIELDS: ReadonlySet<string> = new Set(SECRET_KINDS);

/** Reads the profile file; a missing file is an empty one. */
export async function readProfileFile(file: string): Promise<ProfileFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { profiles: [] };
    throw error;
  }
  return parseProfileFile(text, file);
}

/** Writes the profile file atomically (mode 0600), creating its directory (mode 0700) if needed. */
export async function writeProfileFile(file: string, data: ProfileFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, serializeProfileFile(data));
}

/** The file's text for `data`, in the current schema version. */
export function serializeProfileFile(data: ProfileFile): string {
  const document = {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    ...(data.currentProfile === undefined ? {} : { currentProfile: data.currentProfile }),
    profiles: data.profiles.map(storedProfile),
    ...(data.localObs === undefined ? {} : { localObs: { obsWebSocketUrl: data.localObs.obsWebSocketUrl } }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Parses and validates the file's text, upgrading older schema versions. Throws {@link ProfileFileError} naming the
 * first bad field; `file` is only used in that message.
 */
export function parseProfileFile(text: string, file: string): ProfileFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Not V8's message: it quotes the text, and the text might hold a secret someone pasted by hand.
    throw new ProfileFileError(file, '(file)', `is not valid JSON${jsonErrorLocation(error, text)}`);
  }
  try {
    if (!isPlainObject(json)) throw new ValidationError('(file)', 'must be a JSON object');
    return validateDocument(migrateProfileDocument(json));
  } catch (error) {
    if (error instanceof ValidationError) throw new ProfileFileError(file, error.field, error.rule, { cause: error });
    throw error;
  }
}

/**
 * Brings a document to `targetVersion` by applying each migration step in turn. Refuses documents from a newer app
 * (rewriting them would drop what this version does not know) and versions without a migration path.
 */
export function migrateProfileDocument(
  document: ProfileDocument,
  migrations: ReadonlyMap<number, (document: ProfileDocument) => ProfileDocument> = MIGRATIONS,
  targetVersion: number = PROFILE_SCHEMA_VERSION,
): ProfileDocument {
  const version = document.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ValidationError('schemaVersion', `must be an integer from 1 to ${targetVersion}`);
  }
  if (version > targetVersion) {
    throw new ValidationError(
      'schemaVersion',
      `is ${version}: the file was written by a newer version of the app, this one reads up to ${targetVersion}`,
    );
  }
  let current = document;
  for (let step = version; step < targetVersion; step += 1) {
    const migrate = migrations.get(step);
    if (!migrate) throw new ValidationError('schemaVersion', `is ${step}, and there is no upgrade from it`);
    current = { ...migrate(current), schemaVersion: step + 1 };
  }
  return current;
}

/** Only the known, non-secret fields, in a stable order: nothing else ever reaches the file. */
export function storedProfile(profile: Profile): Profile {
  const { name, endpoint, region, bucket, accessKeyId, signatureVersion, obsWebSocketUrl, rtmpBase } = profile;
  return {
    name,
    endpoint,
    region,
    bucket,
    accessKeyId,
    signatureVersion,
    obsWebSocketUrl,
    ...(rtmpBase === undefined ? {} : { rtmpBase }),
  };
}

function validateDocument(document: ProfileDocument): ProfileFile {
  rejectUnknownFields(document, TOP_LEVEL_FIELDS, '');
  const { profiles, currentProfile } = document;
  if (!Array.isArray(profiles)) throw new ValidationError('profiles', 'must be an array');
  const localObs = validateLocalObs(document.localObs);

  const checked = profiles.map((entry: unknown, index) => validateStoredProfile(entry, `profiles[${index}]`));
  const seen = new Map<string, number>();
  checked.forEach((profile, index) => {
    const key = profile.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ValidationError(`profiles[${index}].name`, `repeats the name of profiles[${first}] (names ignore case)`);
    }
    seen.set(key, index);
  });

  const base: ProfileFile = { profiles: checked, ...(localObs ? { localObs } : {}) };
  if (currentProfile === undefined) return base;
  if (typeof currentProfile !== 'string') throw new ValidationError('currentProfile', 'must be a profile name');
  if (isLocalProfileName(currentProfile)) return base;
  if (!seen.has(currentProfile.toLowerCase())) {
    throw new ValidationError('currentProfile', `names "${currentProfile}", which is not in profiles`);
  }
  return { ...base, currentProfile };
}

function validateLocalObs(value: unknown): ProfileFile['localObs'] {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new ValidationError('localObs', 'must be an object');
  rejectUnknownFields(value, new Set(['obsWebSocketUrl']), 'localObs.');
  validateObsWebSocketUrl(value.obsWebSocketUrl, 'localObs.obsWebSocketUrl');
  return { obsWebSocketUrl: value.obsWebSocketUrl };
}

function validateStoredProfile(entry: unknown, at: string): Profile {
  if (!isPlainObject(entry)) throw new ValidationError(at, 'must be an object');
  rejectUnknownFields(entry, PROFILE_FIELDS, `${at}.`);
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value !== 'string') throw new ValidationError(`${at}.${key}`, 'must be a string');
  }
  const profile = entry as unknown as Profile; // every present field is a string; validateProfile checks the rest
  try {
    validateProfile(profile);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`${at}.${error.field}`, error.rule);
    throw error;
  }
  return storedProfile(profile);
}

function rejectUnknownFields(object: Record<string, unknown>, known: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(object)) {
    if (known.has(key)) continue;
    if (SECRET_FIELDS.has(key)) {
      throw new ValidationError(`${prefix}${key}`, 'secrets do not belong in this file: remove it and set it again ' +
        'through the app or `oss-live profile`, which keeps it in the system keychain');
    }
    throw new ValidationError(`${prefix}${key}`, 'is not a known field');
  }
}

/** ` at line L, column C` from a JSON.parse error that reports a position, else nothing. */
function jsonErrorLocation(error: unknown, text: string): string {
  const position = error instanceof Error ? /at position (\d+)/.exec(error.message)?.[1] : undefined;
  if (position === undefined) return '';
  const before = text.slice(0, Number(position)).split('\n');
  return ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
