/** True when `check` (a validation rule that throws on bad input) accepts: for marking a field, not for saying why. */
export function passes(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}
