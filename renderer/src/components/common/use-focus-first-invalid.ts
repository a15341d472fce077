import type { RefObject } from 'react';
import { useCallback, useEffect, useState } from 'react';

const INVALID = '[aria-invalid="true"]';

/**
 * Returns a function that moves focus to the first invalid control (`aria-invalid="true"`) inside `container`, or to
 * the first that also matches `among` (a CSS filter such as `[name="url"]`). The focus moves after the next render,
 * since the submit or refused save that asks for it is what marks the field.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>): (among?: string) => void {
  const [request, setRequest] = useState<{ count: number; selector: string }>({ count: 0, selector: INVALID });
  useEffect(() => {
    if (request.count > 0) container.current?.querySelector<HTMLElement>(request.selector)?.focus();
  }, [container, request]);
  return useCallback((among = '') => setRequest(({ count }) => ({ count: count + 1, selector: `${INVALID}${among}` })), []);
}
