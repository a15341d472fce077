import '../../styles/common.css';

import { useId } from 'react';
import type { ReactNode } from 'react';

/** What a form control needs to be tied to its label, hint and error. Spread it onto the input or select. */
export interface FieldControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export interface FieldProps {
  label: string;
  /** A short note under the control (format, default). */
  hint?: string | undefined;
  /** What is wrong with the value; marks the control invalid. */
  error?: string | undefined;
  children(control: FieldControlProps): ReactNode;
}

/**
 * A labelled form control with its hint and error, wired so a screen reader reads the label as the control's name
 * and the hint and error as its description.
 */
export function Field({ label, hint, error, children }: FieldProps): React.JSX.Element {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
