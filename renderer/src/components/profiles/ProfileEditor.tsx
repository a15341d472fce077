import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { KeychainStatus, ProfileView } from '../../../../shared/api';
import type { SignatureVersion } from '../../../../shared/profile';
import { ApiError, errorMessage } from '../../api/api-error';
import { useApi } from '../../app/api-context';
import type { CheckTarget } from '../../stores/profiles-store';
import { createProfilesStore } from '../../stores/profiles-store';
import { storeFor } from '../../stores/use-store';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { Field } from '../common/Field';
import { RegionPicker } from '../common/RegionPicker';
import { useFocusFirstInvalid } from '../common/use-focus-first-invalid';
import { useRestoreFocus } from '../common/use-restore-focus';
import { ConnectionChecks } from './ConnectionChecks';
import type { ProfileDraft, ProfileField, SecretKind, TextField } from './profile-draft';
import { CHECK_FIELDS, draftFromView, fieldOf, invalidFields, newDraft, saveRequest } from './profile-draft';
import { SecretField } from './SecretField';

export interface ProfileEditorProps {
  /** The saved profile being edited; absent for a new one. */
  original: ProfileView | undefined;
  keychain: KeychainStatus;
  onSaved(profile: ProfileView): void;
  onRemoved(name: string): void;
}

const SIGNATURE_VERSIONS: readonly SignatureVersion[] = ['v4', 'v1'];
const REGION_FIELDS: readonly ProfileField[] = ['endpoint', 'region'];
const NEW_KEY = 'new';
/** Where focus goes when a test needs a field fixed: one it needs, not the name the user may have left empty. */
const NEEDED_BY_TEST: Readonly<Record<CheckTarget, string>> = { oss: ':not([name="name"])', obs: '[name="obsWebSocketUrl"]' };

/**
 * Add or edit a profile. Rules are checked as the user leaves each field and again on save; a field the main
 * process refuses is marked the same way. Secrets are write-only (see SecretField). The built-in Local profile shows
 * its emulator settings read-only: only its OBS side can change.
 */
export function ProfileEditor({ original, keychain, onSaved, onRemoved }: ProfileEditorProps): React.JSX.Element {
  const { t } = useTranslation();
  const store = storeFor(useApi(), createProfilesStore);
  const headingId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ProfileDraft>(() => (original ? draftFromView(original) : newDraft()));
  const [touched, setTouched] = useState<ReadonlySet<ProfileField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  /** Fields a connection test needed that broke a rule (a test asks only for its own side's fields). */
  const [testNeeds, setTestNeeds] = useState<ReadonlySet<ProfileField>>(new Set());
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<{ field: ProfileField | undefined; message: string }>();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [removing, setRemoving] = useState(false);

  const isNew = original === undefined;
  const builtIn = original?.builtIn === true;
  const invalid = invalidFields(draft, { isNew, builtIn });

  useRestoreFocus();
  const focusFirstInvalid = useFocusFirstInvalid(form);
  // Opening the editor puts the cursor in its first field that can change.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input:not([readonly]):not([disabled]), select:not([disabled])')?.focus();
  }, []);

  const errorFor = (field: ProfileField): string | undefined => {
    if ((submitted || touched.has(field)) && invalid.includes(field)) return t(`profiles.invalid.${field}`);
    return serverError?.field === field ? serverError.message : undefined;
  };
  const touch = (field: ProfileField): void => setTouched((previous) => new Set(previous).add(field));
  const change = (patch: Partial<ProfileDraft>, fields: readonly ProfileField[]): void => {
    setDraft((previous) => ({ ...previous, ...patch }));
    if (serverError?.field && fields.includes(serverError.field)) setServerError(undefined);
  };
  const changeSecret = (kind: SecretKind, secret: ProfileDraft['secrets'][SecretKind]): void =>
    change({ secrets: { ...draft.secrets, [kind]: secret } }, [kind]);

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(undefined);
    if (invalid.length > 0) {
      focusFirstInvalid();
      return;
    }
    setSaving(true);
    try {
      const saved = await store.getState().save(saveRequest(draft, original));
      // Secrets typed are gone from the form as soon as the keychain has them.
      setDraft(draftFromView(saved));
      setTouched(new Set());
      setSubmitted(false);
      setTestNeeds(new Set());
      onSaved(saved);
    } catch (error) {
      const field = error instanceof ApiError ? fieldOf(error.data.field) : undefined;
      setServerError({ field, message: field ? errorMessage(error) : t('profiles.editor.failed', { message: errorMessage(error) }) });
      if (field) focusFirstInvalid();
    } finally {
      setSaving(false);
    }
  };

  /** Tests the form as it is, saved or not; a field the test needs that breaks a rule is marked instead. */
  const test = (target: CheckTarget): void => {
    const needed = invalid.filter((field) => CHECK_FIELDS[target].includes(field));
    setTestNeeds(new Set(needed));
    if (needed.length > 0) {
      setTouched((previous) => new Set([...previous, ...needed]));
      focusFirstInvalid(NEEDED_BY_TEST[target]);
      return;
    }
    void store.getState().check(target, saveRequest(draft, original));
  };

  const remove = async (): Promise<void> => {
    if (!original) return;
    setRemoving(true);
    try {
      await store.getState().remove(original.name);
      onRemoved(original.name);
    } catch (error) {
      setConfirmRemove(false);
      setRemoving(false);
      setServerError({ field: undefined, message: t('profiles.remove.failed', { message: errorMessage(error) }) });
    }
  };

  const text = (field: TextField, options: { hint?: string; readOnly?: boolean } = {}) => (
    <Field key={field} label={t(`profiles.field.${field}`)} hint={options.hint} error={errorFor(field)}>
      {(control) => (
        <input
          {...control}
          name={field}
          value={draft[field]}
          readOnly={options.readOnly}
          spellCheck={false}
          onChange={(event) => change({ [field]: event.target.value }, [field])}
          onBlur={() => touch(field)}
        />
      )}
    </Field>
  );

  const secret = (kind: SecretKind, removable: boolean) => (
    <SecretField
      label={t(`profiles.field.${kind}`)}
      isSet={original?.secrets[kind] ?? false}
      draft={draft.secrets[kind]}
      onChange={(next) => changeSecret(kind, next)}
      removable={removable}
      disabled={!keychain.available}
      error={errorFor(kind)}
    />
  );

  const flagged = submitted ? invalid : invalid.filter((field) => testNeeds.has(field));
  const needAttention = [...flagged, ...(serverError?.field && !invalid.includes(serverError.field) ? [serverError.field] : [])];
  // Built before the JSX: the field names are identifiers, not text the user reads.
  const regionErrors = { endpoint: errorFor('endpoint'), region: errorFor('region') };
  const pickRegion = (next: { endpoint: string; region: string }): void => {
    change(next, REGION_FIELDS);
    REGION_FIELDS.forEach(touch);
  };
  const localEndpoint = [text('endpoint', { readOnly: true }), text('region', { readOnly: true })];
  const regionPicker = builtIn ? (
    localEndpoint
  ) : (
    <RegionPicker key={original?.name ?? NEW_KEY} endpoint={draft.endpoint} region={draft.region} errors={regionErrors} onChange={pickRegion} />
  );
  const ossFields = {
    name: text('name', { readOnly: builtIn }),
    bucket: text('bucket', { readOnly: builtIn }),
    accessKeyId: text('accessKeyId', { readOnly: builtIn }),
    accessKeySecret: builtIn ? null : secret('accessKeySecret', false),
    securityToken: builtIn ? null : secret('securityToken', true),
    rtmpBase: text('rtmpBase', { readOnly: builtIn, hint: builtIn ? undefined : t('profiles.hint.rtmpBase') }),
  };
  const obsFields = {
    url: text('obsWebSocketUrl', { hint: t('profiles.hint.obsWebSocketUrl') }),
    password: secret('obsPassword', true),
  };

  const title = builtIn ? t('profiles.editor.localTitle') : isNew ? t('profiles.editor.newTitle') : t('profiles.editor.editTitle', { name: original.name });

  return (
    <section className="panel profile-editor" aria-labelledby={headingId}>
      <div className="row">
        <h3 id={headingId} className="grow">
          {title}
        </h3>
        <button type="button" className="link" onClick={() => store.getState().closeEditor()}>
          {t('profiles.editor.close')}
        </button>
      </div>
      {builtIn && <p className="muted">{t('profiles.editor.localHint')}</p>}
      <form ref={form} className="profile-form" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset>
          <legend>{t('profiles.editor.oss')}</legend>
          {ossFields.name}
          {regionPicker}
          {ossFields.bucket}
          {ossFields.accessKeyId}
          {ossFields.accessKeySecret}
          {ossFields.securityToken}
          <Field label={t('profiles.field.signatureVersion')}>
            {(control) => (
              <select
                {...control}
                value={draft.signatureVersion}
                disabled={builtIn}
                onChange={(event) => change({ signatureVersion: event.target.value as SignatureVersion }, ['signatureVersion'])}
              >
                {SIGNATURE_VERSIONS.map((version) => (
                  <option key={version} value={version}>
                    {t(version === 'v4' ? 'profiles.hint.signatureV4' : 'profiles.hint.signatureV1')}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {ossFields.rtmpBase}
        </fieldset>
        <fieldset>
          <legend>{t('profiles.editor.obs')}</legend>
          {obsFields.url}
          {obsFields.password}
        </fieldset>
        <div aria-live="polite">
          {needAttention.length > 0 && (
            <p className="notice error">{t('profiles.editor.fixFields', { fields: needAttention.map((field) => t(`profiles.field.${field}`)).join(', ') })}</p>
          )}
          {serverError && !serverError.field && <p className="notice error">{serverError.message}</p>}
          {isNew && !keychain.available && <p className="notice warning">{t('profiles.editor.newNeedsKeychain')}</p>}
        </div>
        <div className="actions row">
          <button type="submit" className="primary" disabled={saving || (isNew && !keychain.available)}>
            {saving ? t('profiles.editor.saving') : t('profiles.editor.save')}
          </button>
          {original && !builtIn && (
            <button type="button" className="danger" onClick={() => setConfirmRemove(true)}>
              {t('profiles.editor.remove')}
            </button>
          )}
        </div>
      </form>
      <ConnectionChecks name={original?.name} onTest={test} />
      {confirmRemove && original && (
        <ConfirmDialog
          title={t('profiles.remove.title', { name: original.name })}
          confirmLabel={t('profiles.remove.confirm')}
          danger
          busy={removing}
          onConfirm={() => void remove()}
          onCancel={() => setConfirmRemove(false)}
        >
          <p>{t('profiles.remove.body')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
