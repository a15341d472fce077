// @vitest-environment jsdom
/**
 * A channel's URLs on the Channels screen: the signed publish URL and its OBS split, the play URLs, Copy through
 * the clipboard (a provided one, a refusing one, none at all: then the text is selected), and the expiry picker
 * driving the signatures' expiry.
 */
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n } from '../../../renderer/src/i18n';
import { ChannelsScreen } from '../../../renderer/src/screens/ChannelsScreen';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';

// A real app on two busy cores: give each wait for the screen more than the default second.
configure({ asyncUtilTimeout: 5_000 });

const CHANNEL = 'urls-show';
const HOUR = 3_600;
const DAY = 86_400;

describe('Channel URLs', () => {
  let app: InProcessApp;
  let api: TrackedApi;
  let user: ReturnType<typeof userEvent.setup>;

  beforeAll(async () => {
    app = await startInProcessApp();
    api = trackedApi(app.api);
    await initI18n('en');
    await app.api.invoke('channels.create', CHANNEL, { fragDuration: 2, fragCount: 3 }, { overwrite: false });
  });
  afterEach(async () => {
    cleanup();
    await api.settled();
  });
  afterAll(async () => {
    await api?.settled();
    await app?.close();
  });

  /** Renders the screen (with stores of its own) and opens the channel's URLs. */
  const openUrls = async (): Promise<HTMLElement> => {
    user = userEvent.setup();
    render(
      <ApiProvider value={{ ...api }}>
        <ChannelsScreen />
      </ApiProvider>,
    );
    await user.click(await screen.findByRole('button', { name: `Show the URLs of ${CHANNEL}` }));
    const heading = await screen.findByRole('heading', { name: `URLs of ${CHANNEL}` });
    await screen.findByLabelText('Publish URL (signed)');
    return heading.closest('section') as HTMLElement;
  };
  const field = (label: string): HTMLInputElement => screen.getByLabelText<HTMLInputElement>(label);
  const publishExpires = (): number => Number(new URL(field('Publish URL (signed)').value).searchParams.get('Expires'));
  const playExpires = (): string | null => new URL(field('Play URL (signed, for private buckets)').value).searchParams.get('x-oss-expires');
  /** `Expires` is absolute Unix seconds: between "now + expiry" before the change and after it. */
  const expectPublishExpiry = async (seconds: number, since: number): Promise<void> => {
    await waitFor(() => {
      expect(publishExpires()).toBeGreaterThanOrEqual(since + seconds);
      expect(publishExpires()).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + seconds);
    });
  };

  it('shows the signed publish URL split for OBS, and the plain and signed play URLs', async () => {
    const panel = await openUrls();
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: `URLs of ${CHANNEL}` }));
    const url = field('Publish URL (signed)').value;
    expect(`${field('OBS: Server').value}/${field('OBS: Stream key').value}`).toBe(url);
    expect(url).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.1:\\d+/live/${CHANNEL}\\?`));
    expect(new URL(url).searchParams.get('Signature')).toBeTruthy();
    const [listed] = (await app.api.invoke('channels.list', { prefix: CHANNEL })).channels;
    expect(field('Play URL').value).toBe(listed?.playUrls[0]);
    expect(field('Play URL (signed, for private buckets)').value).toContain(`/${CHANNEL}/playlist.m3u8?`);
    expect(panel.textContent).toMatch(/Publishing must start before .+; OSS checks the signature only when OBS connects\./);

    await user.click(within(panel).getByRole('button', { name: 'Close URLs' }));
    expect(screen.queryByRole('heading', { name: `URLs of ${CHANNEL}` })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: `Show the URLs of ${CHANNEL}` }));
  });

  it('copies through the clipboard and says so', async () => {
    await openUrls(); // userEvent.setup() provides a clipboard, as Electron and secure browser pages do.
    await user.click(screen.getByRole('button', { name: 'Copy Publish URL (signed)' }));
    expect(await navigator.clipboard.readText()).toBe(field('Publish URL (signed)').value);
    const status = field('Publish URL (signed)').closest('.copy-field')?.querySelector('[role="status"]');
    expect(status?.textContent).toBe('Copied');

    await user.click(screen.getByRole('button', { name: 'Copy Play URL' }));
    expect(await navigator.clipboard.readText()).toBe(field('Play URL').value);
  });

  it('selects the text instead when there is no clipboard, or it refuses', async () => {
    await openUrls();
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy OBS: Stream key' }));
    const key = field('OBS: Stream key');
    expect(document.activeElement).toBe(key);
    expect([key.selectionStart, key.selectionEnd]).toEqual([0, key.value.length]);
    expect(key.closest('.copy-field')?.textContent).toContain('Selected: press Ctrl+C (⌘C on a Mac) to copy.');

    const refusing = { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) };
    Object.defineProperty(navigator, 'clipboard', { value: refusing, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy OBS: Server' }));
    const server = field('OBS: Server');
    expect(document.activeElement).toBe(server);
    expect(server.closest('.copy-field')?.textContent).toContain('Selected: press Ctrl+C');
  });

  it('signs for the expiry picked: presets and a custom duration', async () => {
    await openUrls();
    const picker = screen.getByLabelText<HTMLSelectElement>('Signed URLs expire after');
    expect(picker.value).toBe('h6');
    expect(playExpires()).toBe(String(6 * HOUR));

    let since = Math.floor(Date.now() / 1000);
    await user.selectOptions(picker, '7 days');
    await expectPublishExpiry(7 * DAY, since);
    await waitFor(() => expect(playExpires()).toBe(String(7 * DAY)));

    since = Math.floor(Date.now() / 1000);
    await user.selectOptions(picker, '1 hour');
    await expectPublishExpiry(HOUR, since);

    await user.selectOptions(picker, 'Custom…');
    const amount = screen.getByLabelText<HTMLInputElement>('Custom duration');
    await user.clear(amount);
    await user.type(amount, '0');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Enter a whole number above 0, at most 366 days in total.');
    since = Math.floor(Date.now() / 1000);
    await user.clear(amount);
    await user.type(amount, '90');
    await user.selectOptions(screen.getByLabelText('Unit'), 'minutes');
    await expectPublishExpiry(90 * 60, since);
    await waitFor(() => expect(playExpires()).toBe(String(90 * 60)));
  });
});
