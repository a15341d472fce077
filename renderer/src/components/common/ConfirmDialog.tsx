import '../../styles/common.css';

import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useRestoreFocus } from './use-restore-focus';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, and anything the user should know before confirming. */
  children: ReactNode;
  /** The confirm button's text: the action itself ("Delete channel"), never a bare "OK". */
  confirmLabel: string;
  /** For what cannot be undone: the confirm button is styled as dangerous. */
  danger?: boolean;
  /** Disables both buttons while the action runs. */
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation: render it to open it, stop rendering it to close it. Focus starts on Cancel (the safe
 * choice), Escape cancels, and focus returns to the control that opened it.
 */
export function ConfirmDialog({ title, children, confirmLabel, danger = false, busy = false, onConfirm, onCancel }: ConfirmDialogProps): React.JSX.Element {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useRestoreFocus();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // showModal traps focus and adds the backdrop; where it is missing (old webviews, jsdom) the dialog still opens.
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
    cancel.current?.focus();
    return () => {
      if (typeof element.close === 'function') element.close();
      else element.removeAttribute('open');
    };
  }, []);

  const dismiss = (event: React.SyntheticEvent): void => {
    event.preventDefault(); // The parent decides when the dialog goes away.
    if (!busy) onCancel();
  };

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={dismiss}
      onKeyDown={(event) => {
        if (event.key === 'Escape') dismiss(event);
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId} className="confirm-dialog-body">
        {children}
      </div>
      <div className="row confirm-dialog-actions">
        <button ref={cancel} type="button" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
