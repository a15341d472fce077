import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { CHANNEL_DEFAULTS } from '../../../../shared/live-channel';
import type { ChannelStatus, LiveChannelConfig } from '../../../../shared/live-channel';
import { ApiError, errorMessage } from '../../api/api-error';
import { useApi } from '../../app/api-context';
import { createChannelsStore } from '../../stores/channels-store';
import { storeFor } from '../../stores/use-store';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { Field } from '../common/Field';
import { useFocusFirstInvalid } from '../common/use-focus-first-invalid';
import { useRestoreFocus } from '../common/use-restore-focus';
import type { ChannelDraft, ChannelField } from './channel-draft';
import { channelFieldOf, channelInput, channelProblems, draftFromConfig, newChannelDraft } from './channel-draft';

/** A new channel, or an existing one with its configuration from channels.info. */
export type ChannelFormMode = { kind: 'create' } | { kind: 'edit'; name: string; config: LiveChannelConfig };

export interface ChannelFormProps {
  mode: ChannelFormMode;
  /** Saved: what to tell the user. */
  onDone(message: string): void;
  onCancel(): void;
}

const STATUSES: readonly ChannelStatus[] = ['enabled', 'disabled'];
/** FragDuration and FragCount: whole numbers 1-100. */
const FRAG_INPUT = { type: 'number', min: 1, max: 100, step: 1, inputMode: 'numeric' } as const;

const isConflict = (error: unknown, code: string): boolean => error instanceof ApiError && error.data.kind === 'conflict' && error.data.code === code;

/**
 * Create or edit a LiveChannel. PutLiveChannel silently resets an existing channel, so nothing is replaced without a
 * confirmation: a create that finds the name taken asks "Replace?", and saving an edit asks first.
 */
export function ChannelForm({ mode, onDone, onCancel }: ChannelFormProps): React.JSX.Element {
  const { t } = useTranslation();
  const store = storeFor(useApi(), createChannelsStore);
  const headingId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ChannelDraft>(() => (mode.kind === 'edit' ? draftFromConfig(mode.name, mode.config) : newChannelDraft()));
  const [touched, setTouched] = useState<ReadonlySet<ChannelField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ field: ChannelField | undefined; message: string }>();
  const [confirmReplace, setConfirmReplace] = useState(false);
  const editing = mode.kind === 'edit';
  const name = editing ? mode.name : draft.name.trim();
  const problems = channelProblems(draft);
  useRestoreFocus();
  const focusFirstInvalid = useFocusFirstInvalid(form);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input:not([readonly])')?.focus();
  }, []);

  const errorFor = (field: ChannelField): string | undefined => {
    const problem = problems.find((candidate) => candidate.field === field);
    if (problem && (submitted || touched.has(field))) return t(`channels.invalid.${problem.rule}`);
    return failure?.field === field ? failure.message : undefined;
  };
  const change = (field: keyof ChannelDraft, value: string): void => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    if (failure?.field === field) setFailure(undefined);
  };
  const touch = (field: ChannelField): void => setTouched((previous) => new Set(previous).add(field));

  const save = async (overwrite: boolean): Promise<void> => {
    setSaving(true);
    setFailure(undefined);
    try {
      // The form has no snapshot fields; an edit keeps the channel's snapshot settings rather than dropping them.
      const snapshot = mode.kind === 'edit' ? mode.config.snapshot : undefined;
      const { created } = await store.getState().create(name, { ...channelInput(draft), ...(snapshot ? { snapshot } : {}) }, overwrite);
      onDone(created ? t('channels.form.created', { name }) : t('channels.form.replaced', { name }));
    } catch (error) {
      setConfirmReplace(false);
      if (!overwrite && isConflict(error, 'ChannelAlreadyExists')) {
        setConfirmReplace(true);
      } else if (isConflict(error, 'ChannelStillLive')) {
        setFailure({ field: undefined, message: t('channels.form.stillLive', { name }) });
      } else {
        const field = error instanceof ApiError ? channelFieldOf(error.data.field) : undefined;
        setFailure({ field, message: field ? errorMessage(error) : t('channels.form.failed', { message: errorMessage(error) }) });
        if (field) focusFirstInvalid();
      }
    } finally {
      setSaving(false);
    }
  };

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.length > 0) {
      focusFirstInvalid();
      return;
    }
    if (editing) setConfirmReplace(true);
    else void save(false);
  };

  const text = (field: ChannelField, options: { hint?: string; placeholder?: string; numeric?: boolean; readOnly?: boolean } = {}) => (
    <Field key={field} label={t(`channels.form.${field}`)} hint={options.hint} error={errorFor(field)}>
      {(control) => (
        <input
          {...control}
          value={draft[field]}
          readOnly={options.readOnly}
          placeholder={options.placeholder}
          spellCheck={false}
          {...(options.numeric ? FRAG_INPUT : {})}
          onChange={(event) => change(field, event.target.value)}
          onBlur={() => touch(field)}
        />
      )}
    </Field>
  );

  const fields = [
    text('name', { readOnly: editing }),
    text('description'),
    text('fragDuration', { numeric: true, placeholder: String(CHANNEL_DEFAULTS.fragDuration) }),
    text('fragCount', {
      numeric: true,
      placeholder: String(CHANNEL_DEFAULTS.fragCount),
      hint: t('channels.form.fragHint', { duration: CHANNEL_DEFAULTS.fragDuration, count: CHANNEL_DEFAULTS.fragCount }),
    }),
    text('playlistName', { placeholder: CHANNEL_DEFAULTS.playlistName }),
  ];

  return (
    <section className="panel channel-form" aria-labelledby={headingId}>
      <h3 id={headingId}>{editing ? t('channels.form.editTitle', { name: mode.name }) : t('channels.form.createTitle')}</h3>
      <form ref={form} className="form" noValidate onSubmit={submit}>
        {fields}
        <Field label={editing ? t('channels.form.statusEdit') : t('channels.form.status')}>
          {(control) => (
            <select {...control} value={draft.status} onChange={(event) => change('status', event.target.value)}>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`channels.form.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions" aria-live="polite">
          {failure && !failure.field && <p className="notice error">{failure.message}</p>}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? t('channels.form.saving') : editing ? t('channels.form.save') : t('channels.form.create')}
          </button>
          <button type="button" disabled={saving} onClick={onCancel}>
            {t('channels.form.cancel')}
          </button>
        </div>
      </form>
      {confirmReplace && (
        <ConfirmDialog
          title={editing ? t('channels.replace.titleEdit', { name }) : t('channels.replace.title', { name })}
          confirmLabel={t('channels.replace.confirm')}
          danger
          busy={saving}
          onConfirm={() => void save(true)}
          onCancel={() => setConfirmReplace(false)}
        >
          <p className="notice warning">{t('channels.replace.body')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
