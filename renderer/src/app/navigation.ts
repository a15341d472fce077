/** The screens, in navigation order. The hash (`#/monitor`) selects one, so an OBS dock can open a single screen. */
export const SCREENS = ['golive', 'monitor', 'channels', 'history', 'profiles'] as const;
export type ScreenId = (typeof SCREENS)[number];

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (SCREENS as readonly string[]).includes(id ?? '') ? (id as ScreenId) : 'golive';
}
