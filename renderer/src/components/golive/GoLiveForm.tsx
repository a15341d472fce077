import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { LiveChannelConfig } from '../../../../shared/live-channel';
import { useApi } from '../../app/api-context';
import { localize } from '../../i18n/localize';
import { createGoLiveStore } from '../../stores/golive-store';
import { storeFor, useAppStore } from '../../stores/use-store';
import type { GoLiveField, GoLiveFormErrors, GoLiveFormValues } from './golive-form';
import { NEW_CHANNEL_DEFAULTS, readGoLiveForm } from './golive-form';

/** A new channel's segment settings: two whole numbers with the same bounds (1-100). */
const FRAG_FIELDS = ['fragDuration', 'fragCount'] as const satisfies readonly GoLiveField[];

/**
 * Pick a channel (or type a new one, with its segment settings), optionally the planned duration, and go live.
 * Every field is checked as it is typed, with the same rules the main process applies.
 */
export function GoLiveForm(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const store = storeFor(api, createGoLiveStore);
  const channels = useAppStore(createGoLiveStore, (s) => s.channels);
  const channelsError = useAppStore(createGoLiveStore, (s) => s.channelsError);
  const phase = useAppStore(createGoLiveStore, (s) => s.phase);
  const lastChannel = useAppStore(createGoLiveStore, (s) => s.channel);
  const cancelling = useAppStore(createGoLiveStore, (s) => s.cancelling);
  const inFlight = useAppStore(createGoLiveStore, (s) => s.inFlight);

  const [values, setValues] = useState<GoLiveFormValues>(() => ({ channel: lastChannel ?? '', plannedHours: '', ...NEW_CHANNEL_DEFAULTS }));
  const [shown, setShown] = useState<ReadonlySet<GoLiveField>>(new Set());
  const [config, setConfig] = useState<{ name: string; config: LiveChannelConfig }>();
  const formRef = useRef<HTMLFormElement>(null);
  const ids = { list: useId(), hint: useId(), frag: useId() };

  const name = values.channel.trim();
  const existing = channels.find((channel) => channel.name === name);
  const result = readGoLiveForm(values, existing !== undefined);
  const errors: GoLiveFormErrors = result.ok ? {} : result.errors;
  const running = phase === 'starting' || phase === 'stopping';

  // An existing channel keeps its settings: show them (they set the latency), fetched once per name picked.
  const existingName = existing?.name;
  useEffect(() => {
    if (existingName === undefined) return undefined;
    let current = true;
    api.invoke('channels.info', existingName).then(
      (info) => current && setConfig({ name: existingName, config: info }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, existingName]);

  const change = (field: GoLiveField) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    setValues((previous) => ({ ...previous, [field]: value }));
    setShown((previous) => new Set(previous).add(field));
  };

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    if (!result.ok) {
      setShown(new Set(Object.keys(result.errors) as GoLiveField[]));
      formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    void store.getState().start(result.request);
  };

  const fieldError = (field: GoLiveField): string | undefined => {
    if (errors[field] === undefined || !shown.has(field)) return undefined;
    if (field === 'plannedHours') return t('golive.fieldErrors.plannedHours');
    const rule = errors[field];
    return rule && t(`golive.fieldErrors.${field}`, { rule: localize(i18n.language, rule) });
  };
  const messages: Record<GoLiveField, string | undefined> = {
    channel: fieldError('channel'),
    fragDuration: fieldError('fragDuration'),
    fragCount: fieldError('fragCount'),
    plannedHours: fieldError('plannedHours'),
  };
  const invalid = (field: GoLiveField): boolean => messages[field] !== undefined;
  const errorId = (field: GoLiveField): string => `golive-${field}-error`;
  const describedBy = (field: GoLiveField, hint?: string): string | undefined =>
    [hint, invalid(field) ? errorId(field) : undefined].filter(Boolean).join(' ') || undefined;

  const statusText = existing ? t(existing.status === 'enabled' ? 'golive.form.statusEnabled' : 'golive.form.statusDisabled') : '';
  const shownConfig = existing && config?.name === existing.name ? config.config : undefined;

  return (
    <form ref={formRef} className="panel golive-form" onSubmit={submit} noValidate aria-labelledby="golive-form-title">
      <h3 id="golive-form-title">{t('golive.form.heading')}</h3>
      {channelsError && <p className="notice warning">{t('golive.form.channelsFailed', { message: channelsError })}</p>}
      <label className="field">
        <span>{t('golive.form.channel')}</span>
        <input
          name="channel"
          list={ids.list}
          value={values.channel}
          onChange={change('channel')}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid('channel')}
          aria-describedby={describedBy('channel', ids.hint)}
        />
        <datalist id={ids.list}>
          {channels.map((channel) => (
            <option key={channel.name} value={channel.name} />
          ))}
        </datalist>
      </label>
      <FieldError id={errorId('channel')} message={messages.channel} />
      <p id={ids.hint} className="muted hint">
        {!name || errors.channel
          ? t('golive.form.channelHint')
          : shownConfig
            ? t('golive.form.existingConfig', { status: statusText, fragDuration: shownConfig.target.fragDuration, fragCount: shownConfig.target.fragCount })
            : existing
              ? t('golive.form.existing', { status: statusText })
              : t('golive.form.newChannel')}
      </p>
      {!existing && (
        <fieldset className="frag-fields">
          <div className="row">
            {FRAG_FIELDS.map((field) => (
              <label key={field} className="field">
                <span>{t(`golive.form.${field}`)}</span>
                <input
                  name={field}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100}
                  value={values[field]}
                  onChange={change(field)}
                  aria-invalid={invalid(field)}
                  aria-describedby={describedBy(field, ids.frag)}
                />
              </label>
            ))}
          </div>
          <FieldError id={errorId('fragDuration')} message={messages.fragDuration} />
          <FieldError id={errorId('fragCount')} message={messages.fragCount} />
          <p id={ids.frag} className="muted hint">
            {t('golive.form.fragHint', { fragDuration: errors.fragDuration ? NEW_CHANNEL_DEFAULTS.fragDuration : values.fragDuration.trim() })}
          </p>
        </fieldset>
      )}
      <label className="field">
        <span>{t('golive.form.plannedHours')}</span>
        <input
          name="plannedHours"
          type="text"
          inputMode="decimal"
          value={values.plannedHours}
          onChange={change('plannedHours')}
          aria-invalid={invalid('plannedHours')}
          aria-describedby={describedBy('plannedHours', 'golive-planned-hint')}
        />
      </label>
      <FieldError id={errorId('plannedHours')} message={messages.plannedHours} />
      <p id="golive-planned-hint" className="muted hint">
        {t('golive.form.plannedHint')}
      </p>
      <div className="row actions">
        <button type="submit" className="live big" disabled={running || inFlight || phase === 'live'}>
          {t('golive.goLive')}
        </button>
        {phase === 'starting' && (
          <button type="button" onClick={() => void store.getState().cancel()} disabled={cancelling}>
            {cancelling ? t('golive.cancelling') : t('golive.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }): React.JSX.Element | null {
  if (message === undefined) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
