import '../../styles/common.css';

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { writeClipboard } from './clipboard';

export interface CopyFieldProps {
  /** What the value is ("Publish URL"); also names the copy button ("Copy Publish URL"). */
  label: string;
  value: string;
}

/** How long "Copied" stays on screen. */
const CONFIRMATION_MS = 2_500;

/**
 * A read-only value with a Copy button. Copies through the clipboard API and says "Copied"; where there is no
 * clipboard (or it refuses), selects the text instead and says how to copy it by hand.
 */
export function CopyField({ label, value }: CopyFieldProps): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // Remembers which value it was about: a new value (a re-signed URL) must not look as if it had been copied.
  const [result, setResult] = useState<{ kind: 'copied' | 'manual'; value: string }>();
  const outcome = result?.value === value ? result.kind : undefined;

  useEffect(() => {
    if (result?.kind !== 'copied') return;
    const timer = setTimeout(() => setResult(undefined), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [result]);

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
        <button type="button" aria-label={t('common.copyNamed', { what: label })} onClick={() => void copy()}>
          {t('common.copy')}
        </button>
      </div>
      <span className={outcome === 'copied' ? 'copy-field-status ok' : 'copy-field-status'} role="status">
        {outcome === 'copied' ? t('common.copied') : outcome === 'manual' ? t('common.copyManually') : ''}
      </span>
    </div>
  );
}
