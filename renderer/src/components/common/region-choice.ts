import type { EndpointKind } from '../../../../shared/regions';
import { endpointRegion, OSS_REGIONS } from '../../../../shared/regions';

/** What the region picker shows for an endpoint and region id: a public region with an endpoint kind, or custom. */
export type RegionChoice = { custom: false; regionId: string; kind: EndpointKind } | { custom: true };

const isKnownRegion = (id: string): boolean => OSS_REGIONS.some((region) => region.id === id);

/**
 * Reads a stored endpoint back into a choice. Acceleration endpoints name no region, so the region id the profile
 * keeps (V4 signs with the bucket's own region) says which one was chosen.
 */
export function regionChoice(endpoint: string, region: string): RegionChoice {
  const derived = endpointRegion(endpoint);
  if (!derived) return { custom: true };
  const regionId = derived.regionId ?? region;
  return isKnownRegion(regionId) ? { custom: false, regionId, kind: derived.kind } : { custom: true };
}
