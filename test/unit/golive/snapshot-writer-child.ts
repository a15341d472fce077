/**
 * Child process for the snapshot store's crash test: saves the settings of one OBS over and over until it is killed.
 * Each version's settings carry its generation number in every field, so a torn or mixed file would show.
 *
 * Usage: node --import tsx snapshot-writer-child.ts <dataDir> <obsUrl>
 */
import { ObsSnapshotStore, appliedTarget } from '../../../electron/golive';

const [dataDir, obsUrl] = process.argv.slice(2);
if (!dataDir || !obsUrl) throw new Error('usage: snapshot-writer-child.ts <dataDir> <obsUrl>');
const store = new ObsSnapshotStore(dataDir);

for (let generation = 1; ; generation += 1) {
  // About 1 MB of settings, so a kill lands in the middle of a write now and then.
  const settings = Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`field${index}`, `${generation}:${'x'.repeat(80)}`]));
  await store.save({
    obsUrl,
    savedAt: new Date(),
    channel: `channel-${generation}`,
    service: { streamServiceType: 'rtmp_custom', streamServiceSettings: { generation, ...settings } },
    target: appliedTarget({ server: 'rtmp://example/live', key: `key-${generation}` }),
  });
  if (generation === 1) process.stdout.write('ready\n');
}
