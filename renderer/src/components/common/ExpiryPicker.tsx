import '../../styles/common.css';

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ExpiryPresetKey, ExpiryUnit } from './expiry';
import { customSeconds, DAY, EXPIRY_PRESETS, presetFor, splitDuration } from './expiry';

export interface ExpiryPickerProps {
  label: string;
  /** The expiry in seconds. */
  value: number;
  /** Called with a valid number of seconds only; an invalid custom entry is shown, not passed on. */
  onChange(seconds: number): void;
  /** Largest allowed expiry; default 366 days (what the app signs at most). */
  maxSeconds?: number;
}

const UNITS: readonly ExpiryUnit[] = ['minutes', 'hours', 'days'];
const CUSTOM = 'custom';

/** How long a signed URL stays valid: 1 h, 6 h, 12 h, 1 d, 7 d, or a custom number of minutes, hours or days. */
export function ExpiryPicker({ label, value, onChange, maxSeconds = 366 * DAY }: ExpiryPickerProps): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const [choice, setChoice] = useState<ExpiryPresetKey | typeof CUSTOM>(() => presetFor(value) ?? CUSTOM);
  const [custom, setCustom] = useState(() => {
    const { amount, unit } = splitDuration(value);
    return { amount: String(amount), unit };
  });
  const customValue = customSeconds(custom.amount, custom.unit, maxSeconds);
  const invalid = choice === 'custom' && customValue === undefined;

  const choose = (next: ExpiryPresetKey | 'custom'): void => {
    setChoice(next);
    const seconds = next === 'custom' ? customValue : EXPIRY_PRESETS.find((preset) => preset.key === next)?.seconds;
    if (seconds !== undefined) onChange(seconds);
  };

  const editCustom = (amount: string, unit: ExpiryUnit): void => {
    setCustom({ amount, unit });
    const seconds = customSeconds(amount, unit, maxSeconds);
    if (seconds !== undefined) onChange(seconds);
  };

  return (
    <div className="expiry-picker row">
      <label className="field">
        <span>{label}</span>
        <select value={choice} onChange={(event) => choose(event.target.value as ExpiryPresetKey | 'custom')}>
          {EXPIRY_PRESETS.map((preset) => (
            <option key={preset.key} value={preset.key}>
              {t(`common.expiry.presets.${preset.key}`)}
            </option>
          ))}
          <option value={CUSTOM}>{t('common.expiry.presets.custom')}</option>
        </select>
      </label>
      {choice === 'custom' && (
        <>
          <label className="field">
            <span>{t('common.expiry.amount')}</span>
            <input
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              className="expiry-amount"
              value={custom.amount}
              aria-invalid={invalid}
              aria-describedby={invalid ? `${id}-error` : undefined}
              onChange={(event) => editCustom(event.target.value, custom.unit)}
            />
          </label>
          <label className="field">
            <span>{t('common.expiry.unit')}</span>
            <select value={custom.unit} onChange={(event) => editCustom(custom.amount, event.target.value as ExpiryUnit)}>
              {UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {t(`common.expiry.units.${unit}`)}
                </option>
              ))}
            </select>
          </label>
          {invalid && (
            <span id={`${id}-error`} className="field-error" role="alert">
              {t('common.expiry.invalid', { days: Math.floor(maxSeconds / DAY) })}
            </span>
          )}
        </>
      )}
    </div>
  );
}
