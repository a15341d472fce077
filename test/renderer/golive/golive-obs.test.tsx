// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n } from '../../../renderer/src/i18n';
import { GoLiveScreen } from '../../../renderer/src/screens/GoLiveScreen';
import { createGoLiveStore } from '../../../renderer/src/stores/golive-store';
import type { ObsInstance } from '../../support/obs-headless';
import { startObs } from '../../support/obs-headless';
import { needs } from '../../support/tools';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import { useObs } from './local-obs';

const CHANNEL = 'screen-obs-show';

/** Every step ended well: done, or skipped because there was nothing to do. */
const allWell = (items: HTMLElement[]): boolean => items.every((item) => item.className === 'state-done' || item.className === 'state-skipped');

describe.runIf(needs('obs', 'Xvfb', 'ffmpeg'))('Go live screen with real OBS (headless) and the embedded emulator', () => {
  let app: InProcessApp;
  let obs: ObsInstance;

  beforeAll(async () => {
    [app, obs] = await Promise.all([startInProcessApp(), startObs()]);
    await useObs(app.api, obs.url, obs.password);
    await initI18n('en');
  });
  afterAll(async () => {
    cleanup();
    // Leave OBS idle and its settings restored even when a test failed half-way.
    await app?.api.invoke('golive.stop', { channel: CHANNEL }).catch(() => undefined);
    await app?.close();
    await obs?.stop();
  });

  it('goes live (every step done), shows the broadcast, then stops (every stop step done)', async () => {
    const user = userEvent.setup();
    render(
      <ApiProvider value={app.api}>
        <GoLiveScreen />
      </ApiProvider>,
    );
    await user.type(screen.getByRole('combobox', { name: 'Channel' }), CHANNEL);
    await user.click(screen.getByRole('button', { name: /Go live/ }));
    expect((screen.getByRole('button', { name: /Go live/ }) as HTMLButtonElement).disabled).toBe(true);

    const stop = await screen.findByRole('button', { name: 'Stop' }, { timeout: 30_000 });
    const checklist = screen.getByRole('list', { name: 'Checklist' });
    const items = within(checklist).getAllByRole('listitem');
    expect(allWell(items)).toBe(true);
    expect(items.map((item) => item.dataset.step)).toContain('oss-live');
    expect(screen.queryByRole('alert')).toBeNull();

    // On air: elapsed time, the URL's expiry (12 h by default: no warning), a way to the monitor.
    const live = screen.getByRole('region', { name: 'On air' });
    expect(within(live).getByText(CHANNEL)).toBeTruthy();
    // The panel appears as soon as OSS reports Live; the URL's expiry comes with go-live's result a moment later.
    expect(await within(live).findByText(/^until /)).toBeTruthy();
    expect(within(live).queryByText(/expires in/)).toBeNull();
    expect(within(live).getByRole('link', { name: 'Open the monitor' }).getAttribute('href')).toBe('#/monitor');

    // A second window opened now catches up through golive.status.
    const secondWindow = createGoLiveStore(app.api);
    await secondWindow.getState().refresh();
    expect(secondWindow.getState()).toMatchObject({ phase: 'live', channel: CHANNEL });
    expect(secondWindow.getState().urlExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);

    await user.click(stop);
    const stopped = await screen.findByText(`The broadcast on “${CHANNEL}” is stopped.`, {}, { timeout: 30_000 });
    expect(stopped.className).toContain('notice ok');
    const stopItems = within(screen.getByRole('list', { name: 'Stop' })).getAllByRole('listitem');
    expect(stopItems.map((item) => item.dataset.step)).toEqual(['stop-stream', 'restore', 'disable', 'record-end']);
    expect(allWell(stopItems)).toBe(true);
    expect(stopItems[0]?.className).toBe('state-done'); // OBS was streaming and was stopped
    expect(stopItems[1]?.className).toBe('state-done'); // the user's OBS settings were put back
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull());
    expect((await app.api.invoke('golive.status')).active).toBe(false);

    // The live channel was monitored without the Monitor screen open: its health went into the history.
    const [broadcast] = await app.api.invoke('history.list', CHANNEL);
    expect(broadcast?.source).not.toBe('oss');
    expect(broadcast?.health?.durationSeconds).toBeGreaterThan(0);
  });
});
