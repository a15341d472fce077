import type { RefObject } from 'react';
import { useCallback, useEffect, useState } from 'react';

/**
 * Returns a function that moves focus to the first invalid control (`aria-invalid="true"`) inside `container`. The
 * focus moves after the next render, since the submit or refused save that asks for it is what marks the field.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>): () => void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request > 0) container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [container, request]);
  return useCallback(() => setRequest((count) => count + 1), []);
}
