import type { ApiHandlers, ConnectionCheck, ProfileView, SecretsUpdate } from '../../../shared/api';
import type { LocalizedText } from '../../../shared/messages';
import { msg, renderMessage } from '../../../shared/messages';
import type { Profile } from '../../../shared/profile';
import { isLocalProfileName } from '../../../shared/profile';
import { ValidationError } from '../../../shared/validation';
import type { AppContext } from '../../app/app-context';
import { ObsController } from '../../obs';
import { OssLiveClient } from '../../oss';
import type { OssLiveClientOptions } from '../../oss';
import type { ResolvedConnection } from '../../services';
import { resolveConnection } from '../../services';
import { toApiError } from '../api-error';
import { expectOneOf, expectString } from '../guards';
import { draftObs, draftOss } from './draft-connection';
import { readProfileRequest } from './profile-request';

type ProfileHandlers = Pick<ApiHandlers, 'profiles.list' | 'profiles.save' | 'profiles.remove' | 'profiles.use' | 'profiles.check'>;

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

    async 'profiles.save'(raw) {
      // Read as untrusted input: the types hold only if the caller is our own renderer.
      const request = readProfileRequest(raw);
      let saved: Profile;
      if (request.kind === 'local') {
        const { obsPassword } = request.secrets;
        saved = await profiles.update(request.originalName, { obsWebSocketUrl: request.obsWebSocketUrl }, obsPassword === undefined ? {} : { obsPassword });
      } else {
        saved = await saveStored(context, request.profile, request.secrets, request.originalName);
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

    async 'profiles.check'(target, subject) {
      const what = expectOneOf(target, 'target', ['oss', 'obs'] as const);
      if (typeof subject === 'string') {
        const connection = await resolveConnection({ explicit: {}, profile: subject }, () => profiles);
        return what === 'oss' ? checkOss(connection.oss) : checkObs(connection.obs);
      }
      // A form not saved yet: tested as it is, and nothing is written.
      const draft = readProfileRequest(subject);
      return what === 'oss' ? checkOss(await draftOss(profiles, draft)) : checkObs(await draftObs(profiles, draft));
    },
  };
}

/** Lists one channel: proves the endpoint, bucket and credentials, and signs as every later request will. */
function checkOss(oss: OssLiveClientOptions): Promise<ConnectionCheck> {
  return timed(async () => {
    const page = await new OssLiveClient({ ...oss, retries: 0, timeoutMs: 8000 }).listLiveChannels({ maxKeys: 1 });
    const channels = `${page.channels.length}${page.isTruncated ? '+' : ''}`;
    return msg('connection.ossOk', { bucket: oss.bucket, channels });
  });
}

/** Connects (authenticating when OBS asks) and asks for OBS's version. */
function checkObs(obs: ResolvedConnection['obs']): Promise<ConnectionCheck> {
  return timed(async () => {
    const controller = new ObsController({ url: obs.url, ...(obs.password ? { password: obs.password } : {}) });
    try {
      await controller.connect();
      const { obsVersion, obsWebSocketVersion: webSocketVersion } = await controller.request('GetVersion');
      return msg('connection.obsOk', { obsVersion, webSocketVersion, url: obs.url });
    } finally {
      await controller.disconnect();
    }
  });
}

/** Runs a test: what it found, or what went wrong (as the API reports errors), with the time it took. */
async function timed(test: () => Promise<LocalizedText>): Promise<ConnectionCheck> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const text = await test();
    return { ok: true, message: renderMessage(text), text, latencyMs: elapsed() };
  } catch (error) {
    const { message, text } = toApiError(error);
    return { ok: false, message, ...(text ? { text } : {}), latencyMs: elapsed() };
  }
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
