import '../../styles/common.css';

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { writeClipboard } from './clipboard';

/** What the last copy attempt did: went to the clipboard, or left the text selected for Ctrl+C. */
export type CopyOutcome = 'copied' | 'manual';

export interface CopyFieldProps {
  /** What the value is ("Publish URL"); also names the copy button ("Copy Publish URL"). */
  label: string;
  value: string;
  /** The button's name and text when "Copy <label>" does not fit (e.g. "Copy path" for a field labelled "File"). */
  buttonLabel?: string;
  /** For a parent that already tried to copy `value` (e.g. right after signing it): show that outcome from the start. */
  initialOutcome?: CopyOutcome;
}

/** How long "Copied" stays on screen. */
const CONFIRMATION_MS = 2_500;

/**
 * A read-only value with a Copy button. Copies through the clipboard API and says "Copied"; where there is no
 * clipboard (or it refuses), selects the text instead and says how to copy it by hand.
 */
export function CopyField({ label, value, buttonLabel, initialOutcome }: CopyFieldProps): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // Remembers which value it was about: a new value (a re-signed URL) must not look as if it had been copied.
  const [result, setResult] = useState(() => (initialOutcome ? { kind: initialOutcome, value } : undefined));
  const outcome = result?.value === value ? result.kind : undefined;

  useEffect(() => {
    if (result?.kind !== 'copied') return;
    const timer = setTimeout(() => setResult(undefined), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [result]);

  // A parent's copy that fell back to "press Ctrl+C" leaves the text selected, as a click on Copy would.
  useEffect(() => {
    if (initialOutcome !== 'manual') return;
    input.current?.focus();
    input.current?.select();
  }, [initialOutcome]);

  const copy = async (): Promise<void> => {
    if (await writeClipboard(value)) {
      setResult({ kind: 'copied', value });
      return;
    }
    input.current?.focus();
    input.current?.select();
    setResult({ kind: 'manual', value });
  };

  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field-row">
        <input id={id} ref={input} className="mono" readOnly value={value} spellCheck={false} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" aria-label={buttonLabel ?? t('common.copyNamed', { what: label })} onClick={() => void copy()}>
          {buttonLabel ?? t('common.copy')}
        </button>
      </div>
      <span className={outcome === 'copied' ? 'copy-field-status ok' : 'copy-field-status'} role="status">
        {outcome === 'copied' ? t('common.copied') : outcome === 'manual' ? t('common.copyManually') : ''}
      </span>
    </div>
  );
}
