import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';

import type { RendererApi } from '../../../shared/api';
import { useApi } from '../app/api-context';

const stores = new WeakMap<RendererApi, Map<unknown, StoreApi<unknown>>>();

/**
 * One store per factory per API: created on first use and kept while the app runs, so a screen finds its state
 * again after navigating away and back. Factories take the API, which keeps stores testable against any transport.
 */
export function storeFor<S>(api: RendererApi, factory: (api: RendererApi) => StoreApi<S>): StoreApi<S> {
  let byFactory = stores.get(api);
  if (!byFactory) stores.set(api, (byFactory = new Map()));
  let store = byFactory.get(factory) as StoreApi<S> | undefined;
  if (!store) byFactory.set(factory, (store = factory(api) as StoreApi<unknown> as StoreApi<S>));
  return store;
}

/** A screen's store and a selected slice of its state, re-rendering only when that slice changes. */
export function useAppStore<S, T>(factory: (api: RendererApi) => StoreApi<S>, selector: (state: S) => T): T {
  return useStore(storeFor(useApi(), factory), selector);
}
