// @vitest-environment jsdom
/**
 * A channel that is really live (ffmpeg publishing to the embedded emulator with the URL the screen signs): its
 * badge says Live, and OSS refuses to delete or replace it; the screen says why and what to do.
 */
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n } from '../../../renderer/src/i18n';
import { ChannelsScreen } from '../../../renderer/src/screens/ChannelsScreen';
import type { Publisher } from '../../support/ffmpeg-publisher';
import { publishTestPattern, stopAllPublishers } from '../../support/ffmpeg-publisher';
import { needs } from '../../support/tools';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';

// A real app on two busy cores: give each wait for the screen more than the default second.
configure({ asyncUtilTimeout: 5_000 });

const CHANNEL = 'live-now';

describe.runIf(needs('ffmpeg'))('Channels screen with a live channel', () => {
  let app: InProcessApp;
  let api: TrackedApi;
  let publisher: Publisher;

  beforeAll(async () => {
    app = await startInProcessApp();
    api = trackedApi(app.api);
    await initI18n('en');
    await app.api.invoke('channels.create', CHANNEL, { fragDuration: 1, fragCount: 3 }, { overwrite: false });
    const { url } = await app.api.invoke('channels.signPublishUrl', CHANNEL, { expiresInSeconds: 600 });
    // Long enough for the whole file; stopped in afterAll.
    publisher = publishTestPattern(url, { seconds: 120, fragDuration: 1 });
  });
  afterEach(async () => {
    cleanup();
    await api.settled();
  });
  afterAll(async () => {
    await stopAllPublishers();
    await api?.settled();
    await app?.close();
  });

  it('shows the channel Live and explains why it cannot be deleted or replaced', async () => {
    const user = userEvent.setup();
    render(
      <ApiProvider value={{ ...api }}>
        <ChannelsScreen autoRefreshMs={250} />
      </ApiProvider>,
    );
    const row = async (): Promise<HTMLElement> => (await screen.findByRole('rowheader', { name: CHANNEL })).closest('tr') as HTMLElement;
    await waitFor(async () => expect(within(await row()).getByText('Live').className).toBe('badge live'), { timeout: 15_000 });
    expect(publisher.child.exitCode).toBeNull();

    await user.click(screen.getByRole('button', { name: `Delete ${CHANNEL}` }));
    await user.click(within(screen.getByRole('dialog', { name: `Delete channel ${CHANNEL}?` })).getByRole('button', { name: 'Delete channel' }));
    expect(
      await screen.findByText(`${CHANNEL} is live, so OSS refuses to delete it. Stop the stream in OBS (or disable the channel and wait a few seconds), then delete it.`),
    ).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    // Still there; focus went back to its Delete button.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: `Delete ${CHANNEL}` })));
    expect((await app.api.invoke('channels.list', { prefix: CHANNEL })).channels.map((channel) => channel.name)).toEqual([CHANNEL]);

    await user.click(screen.getByRole('button', { name: `Edit ${CHANNEL}` }));
    await user.click(await screen.findByRole('button', { name: 'Save changes' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Replace' }));
    expect(await screen.findByText(`${CHANNEL} is live, and OSS does not change a live channel. Stop the stream in OBS first, then save again.`)).toBeTruthy();
    expect((await app.api.invoke('channels.stats', [CHANNEL]))[0]).toMatchObject({ stat: { status: 'Live' } });
  });
});
