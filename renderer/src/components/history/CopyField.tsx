import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Writes `text` to the clipboard; false when there is no clipboard (plain http, old WebViews) or it refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export type CopyOutcome = 'idle' | 'copied' | 'manual';

/**
 * A read-only value with a Copy button. Without a clipboard the value is selected instead, and the user is told to
 * press Ctrl+C. `outcome` lets a parent that already copied (e.g. right after signing) show the same feedback.
 */
export function CopyField({ label, value, buttonLabel, outcome: initial = 'idle' }: { label: string; value: string; buttonLabel?: string; outcome?: CopyOutcome }): React.JSX.Element {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<CopyOutcome>(initial);

  useEffect(() => {
    if (outcome === 'manual') inputRef.current?.select();
  }, [outcome, value]);

  return (
    <div className="copy-field">
      <label htmlFor={inputId} className="muted">
        {label}
      </label>
      <div className="row">
        <input id={inputId} ref={inputRef} className="mono grow" readOnly value={value} onFocus={(event) => event.target.select()} />
        <button type="button" onClick={() => void copyText(value).then((copied) => setOutcome(copied ? 'copied' : 'manual'))}>
          {buttonLabel ?? t('common.copy')}
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {outcome === 'copied' ? t('common.copied') : outcome === 'manual' ? t('history.copyManually') : ''}
      </p>
    </div>
  );
}
