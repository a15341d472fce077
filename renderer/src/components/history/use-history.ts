import type { HistoryState } from '../../stores/history-store';
import { createHistoryStore } from '../../stores/history-store';
import { useAppStore } from '../../stores/use-store';

/** A slice of the History & clips store (re-renders only when that slice changes). */
export function useHistory<T>(selector: (state: HistoryState) => T): T {
  return useAppStore(createHistoryStore, selector);
}
