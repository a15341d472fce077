/** Drops keys whose value is undefined, so a patch `{ region: undefined }` keeps what is already there. */
export function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
