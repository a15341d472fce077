import type { ApiHandlers, ConnectionCheck, ProfileView, SecretsUpdate } from '../../../shared/api';
import type { LocalizedText } from '../../../shared/messages';
import { msg, renderMessage } from '../../../shared/messages';
import type { Profile } from '../../../shared/profile';
import { isLocalProfileName } from '../../../shared/profile';
import { ValidationError } from '../../../shared/validation';
import type { AppContext } from '../../app/app-context';
import { ObsController } from '../../obs';
import { OssLiveClient } from '../../oss';
import { resolveConnection } from '../../services';
import { toApiError } from '../api-error';
import { expectOneOf, expectString, optionalString, pickFields } from '../guards';

type ProfileHandlers = Pick<ApiHandlers, 'profiles.list' | 'profiles.save' | 'profiles.remove' | 'profiles.use' | 'profiles.check'>;

const nullableSecret = (value: unknown, field: string): string | null | undefined => (value === null ? null : optionalString(value, field));

function readProfile(value: unknown): Profile {
  return pickFields<Profile>(value, 'profile', {
    name: expectString,
    endpoint: expectString,
    region: expectString,
    bucket: expectString,
    accessKeyId: expectString,
    signatureVersion: (raw, field) => expectOneOf(raw, field, ['v1', 'v4'] as const),
    obsWebSocketUrl: expectString,
    rtmpBase: (raw, field) => (raw === '' ? undefined : optionalString(raw, field)),
  });
}

function readSecrets(value: unknown): SecretsUpdate {
  if (value === undefined) return {};
  return pickFields<SecretsUpdate>(value, 'secrets', {
    accessKeySecret: nullableSecret,
    securityToken: nullableSecret,
    obsPassword: nullableSecret,
  });
}

/** Profiles & OBS: list, add/edit (secrets write-only), remove, choose, and test the connections. */
export function profileHandlers(context: AppContext): ProfileHandlers {
  const { profiles, events } = context;

  const view = async (profile: Profile): Promise<ProfileView> => {
    const builtIn = isLocalProfileName(profile.name);
    const secrets = await profiles.secretStatus(profile.name).catch(() => ({ accessKeySecret: builtIn, securityToken: false, obsPassword: false }));
    return { ...profile, builtIn, secrets };
  };

  const changed = async (): Promise<void> => {
    await context.invalidate();
    events.emit('profiles.changed', { current: (await profiles.current()).name });
  };

  return {
    async 'profiles.list'() {
      const [list, current, keychain] = await Promise.all([profiles.list(), profiles.current(), context.keychain()]);
      return { profiles: await Promise.all(list.map(view)), current: current.name, keychain };
    },

    async 'profiles.save'(request) {
      const { originalName: rawOriginal, profile: rawProfile, secrets: rawSecrets, ...rest } = request as unknown as Record<string, unknown>;
      if (Object.keys(rest).length > 0) throw new ValidationError(`request.${Object.keys(rest)[0] ?? ''}`, 'is not a known field');
      const originalName = optionalString(rawOriginal, 'originalName');
      const secrets = readSecrets(rawSecrets);
      let saved: Profile;
      if (originalName !== undefined && isLocalProfileName(originalName)) {
        const obsWebSocketUrl = expectString(expectObjectField(rawProfile, 'obsWebSocketUrl'), 'profile.obsWebSocketUrl');
        saved = await profiles.update(originalName, { obsWebSocketUrl }, secrets.obsPassword === undefined ? {} : { obsPassword: secrets.obsPassword });
      } else {
        const profile = readProfile(rawProfile);
        saved = await saveStored(context, profile, secrets, originalName);
      }
      await changed();
      return view(saved);
    },

    async 'profiles.remove'(name) {
      await profiles.remove(expectString(name, 'name'));
      await changed();
    },

    async 'profiles.use'(name) {
      await profiles.use(expectString(name, 'name'));
      await changed();
    },

    async 'profiles.check'(target, name) {
      const what = expectOneOf(target, 'target', ['oss', 'obs'] as const);
      const connection = await resolveConnection({ explicit: {}, profile: expectString(name, 'name') }, () => profiles);
      const started = performance.now();
      const elapsed = (): number => Math.round(performance.now() - started);
      try {
        if (what === 'oss') {
          const page = await new OssLiveClient({ ...connection.oss, retries: 0, timeoutMs: 8000 }).listLiveChannels({ maxKeys: 1 });
          const channels = `${page.channels.length}${page.isTruncated ? '+' : ''}`;
          return ok(msg('connection.ossOk', { bucket: connection.oss.bucket, channels }), elapsed());
        }
        const obs = new ObsController({ url: connection.obs.url, ...(connection.obs.password ? { password: connection.obs.password } : {}) });
        try {
          await obs.connect();
          const version = await obs.request('GetVersion');
          const { obsVersion, obsWebSocketVersion: webSocketVersion } = version;
          return ok(msg('connection.obsOk', { obsVersion, webSocketVersion, url: connection.obs.url }), elapsed());
        } finally {
          await obs.disconnect();
        }
      } catch (error) {
        const { message, text } = toApiError(error);
        return { ok: false, message, ...(text ? { text } : {}), latencyMs: elapsed() };
      }
    },
  };
}

const ok = (text: LocalizedText, latencyMs: number): ConnectionCheck => ({ ok: true, message: renderMessage(text), text, latencyMs });

function expectObjectField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Adds a profile, edits one in place, or renames one: a rename adds the new name (carrying over the secrets the form
 * did not replace, read here in the main process) and then removes the old one.
 */
async function saveStored(context: AppContext, profile: Profile, secrets: SecretsUpdate, originalName: string | undefined): Promise<Profile> {
  const { profiles } = context;
  if (originalName === undefined) {
    if (typeof secrets.accessKeySecret !== 'string') throw new ValidationError('accessKeySecret', msg('validation.requiredForNewProfile'));
    return profiles.add(profile, {
      accessKeySecret: secrets.accessKeySecret,
      ...(secrets.securityToken ? { securityToken: secrets.securityToken } : {}),
      ...(secrets.obsPassword ? { obsPassword: secrets.obsPassword } : {}),
    });
  }
  if (originalName.toLowerCase() === profile.name.toLowerCase()) {
    const { name, rtmpBase, ...fields } = profile;
    if (secrets.accessKeySecret === null) throw new ValidationError('accessKeySecret', msg('validation.secretNeeded'));
    const { accessKeySecret, ...optional } = secrets;
    return profiles.update(name, { ...fields, rtmpBase: rtmpBase ?? null }, { ...optional, ...(accessKeySecret ? { accessKeySecret } : {}) });
  }
  const old = await profiles.resolve(originalName);
  const keep = <K extends keyof SecretsUpdate>(key: K, previous: string | undefined): string | undefined => {
    const given = secrets[key];
    return given === null ? undefined : (given ?? previous);
  };
  const accessKeySecret = keep('accessKeySecret', old.credentials.accessKeySecret);
  if (!accessKeySecret) throw new ValidationError('accessKeySecret', msg('validation.required'));
  const securityToken = keep('securityToken', old.credentials.securityToken);
  const obsPassword = keep('obsPassword', old.obsPassword);
  const wasCurrent = (await profiles.current()).name === old.profile.name;
  const added = await profiles.add(profile, { accessKeySecret, ...(securityToken ? { securityToken } : {}), ...(obsPassword ? { obsPassword } : {}) });
  await profiles.remove(originalName);
  if (wasCurrent) await profiles.use(added.name);
  return added;
}
