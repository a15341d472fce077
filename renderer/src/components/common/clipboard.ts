/**
 * Writes `text` to the system clipboard. False when the clipboard API is missing (old webviews, some OBS docks,
 * pages that are not a secure context) or refuses (no permission), so the caller can fall back to selecting it.
 */
export async function writeClipboard(text: string): Promise<boolean> {
  const clipboard = typeof navigator === 'undefined' ? undefined : (navigator.clipboard as Clipboard | undefined);
  if (typeof clipboard?.writeText !== 'function') return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
