import { useEffect, useState } from 'react';

/**
 * Gives focus back to whatever had it when the calling component first rendered (the button that opened a dialog or
 * a form) once the component unmounts. Skipped when that element is gone (a deleted row's button), so the caller can
 * move focus somewhere sensible instead.
 */
export function useRestoreFocus(): void {
  const [previous] = useState(() => (typeof document === 'undefined' ? null : document.activeElement));
  useEffect(
    () => () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    },
    [previous],
  );
}
