/**
 * Child process for the atomic-write crash test: rewrites one file as fast as it can, forever, until it is killed.
 * Each version is a large JSON document whose parts all carry the same generation number, so a torn file shows.
 *
 * Usage: node --import tsx atomic-writer-child.ts <file>
 */
import { writeFileAtomic } from '../../../electron/fs/atomic-write';

const file = process.argv[2];
if (!file) throw new Error('usage: atomic-writer-child.ts <file>');

for (let generation = 1; ; generation += 1) {
  // About 2 MB, so each write takes long enough for a kill to land in the middle of one.
  const rows = Array.from({ length: 20_000 }, (_, index) => ({ generation, index, pad: 'x'.repeat(80) }));
  await writeFileAtomic(file, JSON.stringify({ generation, rows }));
  if (generation === 1) process.stdout.write('ready\n');
}
