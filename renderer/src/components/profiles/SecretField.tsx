import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { SecretDraft } from './profile-draft';

export interface SecretFieldProps {
  label: string;
  /** Whether the keychain holds one now (`ProfileView.secrets`). Never the value. */
  isSet: boolean;
  draft: SecretDraft;
  onChange(draft: SecretDraft): void;
  /** Optional secrets can be removed; the AccessKey secret only replaced. */
  removable: boolean;
  /** No keychain: nothing can be stored. */
  disabled: boolean;
  error?: string | undefined;
}

/**
 * A write-only secret: typing sets a new value, leaving it empty keeps the saved one, "remove" deletes it. The
 * saved value is never shown, only whether there is one.
 */
export function SecretField({ label, isSet, draft, onChange, removable, disabled, error }: SecretFieldProps): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [`${id}-state`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field secret-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={draft.value}
        disabled={disabled || draft.remove}
        placeholder={disabled ? t('profiles.secret.disabled') : isSet ? t('profiles.secret.keepPlaceholder') : t('profiles.secret.newPlaceholder')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange({ value: event.target.value, remove: false })}
      />
      <span id={`${id}-state`} className={isSet ? 'secret-state set' : 'secret-state'}>
        {draft.remove ? t('profiles.secret.willRemove') : isSet ? t('profiles.secret.set') : t('profiles.secret.notSet')}
      </span>
      {removable && isSet && !disabled && (
        <label className="secret-remove">
          <input type="checkbox" checked={draft.remove} onChange={(event) => onChange({ value: '', remove: event.target.checked })} />
          {t('profiles.secret.remove', { what: label })}
        </label>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
