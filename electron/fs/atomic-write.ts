import { randomBytes } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `file` with `content` so that a crash or power loss at any moment leaves either the old file or the new
 * one, never a torn mix: write a temp file in the same directory, fsync it, rename it over the target (atomic on
 * POSIX and NTFS), then fsync the directory so the rename itself is durable. On failure the temp file is removed and
 * the target is untouched.
 *
 * `content` may be an async iterable (e.g. a request body) so large files are streamed, never held in memory; if it
 * throws (a size cap, a checksum mismatch found after the last chunk) nothing is renamed and the target is untouched.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array | AsyncIterable<Uint8Array>, mode = 0o600): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await writeFile(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/** Flushes a directory entry change (the rename). Windows cannot open directories, and does not need this. */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
