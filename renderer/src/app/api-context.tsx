import { createContext, useContext } from 'react';

import type { RendererApi } from '../../../shared/api';

const ApiContext = createContext<RendererApi | undefined>(undefined);

export const ApiProvider = ApiContext.Provider;

/** The contract, for components that call it directly (most go through a store). */
export function useApi(): RendererApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiProvider>');
  return api;
}
