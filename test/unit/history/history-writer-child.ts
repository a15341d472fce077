/**
 * Child process for the history crash test: syncs ever more OSS records into one history file as fast as it can,
 * until it is killed. Prints "ready" after the first write.
 *
 * Usage: node --import tsx history-writer-child.ts <directory>
 */
import { FileBroadcastHistory } from '../../../electron/history';

const directory = process.argv[2];
if (!directory) throw new Error('usage: history-writer-child.ts <directory>');

const history = new FileBroadcastHistory({ directory });
const T0 = Date.UTC(2024, 4, 1);
for (let batch = 0; ; batch += 1) {
  // 200 new records per write, 3 min apart (each its own broadcast): the file grows by about 20 KB each time.
  const records = Array.from({ length: 200 }, (_, i) => {
    const start = T0 + (batch * 200 + i) * 180_000;
    return { startTime: new Date(start), endTime: new Date(start + 60_000), remoteAddr: '203.0.113.7:50000' };
  });
  await history.syncFromOss('Studio', 'my-bucket', 'show', records);
  if (batch === 0) process.stdout.write('ready\n');
}
